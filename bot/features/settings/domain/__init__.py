"""Pure rules of /settings: what each setting accepts and the choices offered as buttons."""
