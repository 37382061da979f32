"""The fake Bot API's request checker must reject exactly what the real Telegram would.

If the checker is too lenient, bugs reach production as 400s; if too strict, e2e tests fail on
requests Telegram accepts. So each rule is pinned here on both sides of its boundary.
"""

from __future__ import annotations

import json

import pytest

from tests.fakes.telegram_rules import (
    BotAPIViolation,
    assert_valid_request,
    check_request,
    html_errors,
    html_to_plain,
    load_spec,
)

CHAT = 42


def send(text: str, **extra: object) -> list[str]:
    """Violations of a sendMessage with this text."""
    return check_request("sendMessage", {"chat_id": CHAT, "text": text, **extra})


def send_html(text: str, **extra: object) -> list[str]:
    return send(text, parse_mode="HTML", **extra)


def inline(*rows: list[dict[str, object]]) -> dict[str, object]:
    return {"inline_keyboard": list(rows)}


def one_of(violations: list[str], *needles: str) -> str:
    """The single violation, checked to mention every needle (keeps assertions readable)."""
    assert len(violations) == 1, violations
    for needle in needles:
        assert needle in violations[0], violations
    return violations[0]


# ------------------------------------------------------------------------------ spec basics


def test_spec_is_the_generated_bot_api_10_extract() -> None:
    spec = load_spec()
    assert spec["version"] == "Bot API 10.0"
    assert spec["methods"]["sendMessage"]["required"] == ["chat_id", "text"]
    assert spec["methods"]["sendMessage"]["fields"]["chat_id"] == "Integer|String"


def test_minimal_valid_message_passes() -> None:
    assert send("hello") == []
    assert_valid_request("sendMessage", {"chat_id": "@channel", "text": "hello"})


def test_unknown_method() -> None:
    one_of(check_request("sendMesage", {"chat_id": CHAT}), "unknown Bot API method", "sendMesage")


def test_method_name_is_case_insensitive_like_telegram() -> None:
    assert check_request("SENDMESSAGE", {"chat_id": CHAT, "text": "x"}) == []
    assert check_request("getMe", {}) == []


def test_unknown_field() -> None:
    one_of(send("x", parse_mod="HTML"), "unknown field 'parse_mod'")


def test_missing_required_field() -> None:
    one_of(check_request("sendMessage", {"chat_id": CHAT}), "missing required field 'text'")
    one_of(
        check_request("answerCallbackQuery", {"text": "ok"}),
        "missing required field 'callback_query_id'",
    )


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"chat_id": 1.5, "text": "x"}, "chat_id: expected Integer|String, got float"),
        ({"chat_id": True, "text": "x"}, "chat_id: expected Integer|String, got bool"),
        ({"chat_id": CHAT, "text": 7}, "text: expected String, got int"),
        ({"chat_id": CHAT, "text": "x", "disable_notification": "yes"}, "expected Boolean"),
        ({"chat_id": CHAT, "text": "x", "message_thread_id": "3"}, "expected Integer"),
        ({"chat_id": CHAT, "text": "x", "reply_markup": [1]}, "reply_markup: expected"),
    ],
)
def test_basic_type_sanity(params: dict[str, object], needle: str) -> None:
    one_of(check_request("sendMessage", params), needle)


def test_file_upload_placeholder_only_needs_presence() -> None:
    photo = {"chat_id": CHAT, "photo": object(), "caption": "hi"}
    assert check_request("sendPhoto", photo) == []
    one_of(check_request("sendPhoto", {"chat_id": CHAT}), "missing required field 'photo'")


def test_all_violations_are_reported_together() -> None:
    with pytest.raises(BotAPIViolation) as excinfo:
        assert_valid_request("sendMessage", {"txt": "x"})
    message = str(excinfo.value)
    for needle in ("unknown field 'txt'", "'chat_id'", "'text'"):
        assert needle in message
    assert isinstance(excinfo.value, AssertionError)


# ------------------------------------------------------------------------------ text lengths


def test_text_of_4096_characters_passes_and_4097_fails() -> None:
    assert send("x" * 4096) == []
    one_of(send("x" * 4097), "4097 characters", "at most 4096")


def test_length_is_counted_after_html_parsing() -> None:
    body = "a" * 4000 + "&lt;" * 96  # 4096 visible characters, 4384 raw
    text = f"<b>{body}</b>"
    assert len(text) > 4096
    assert len(html_to_plain(text)) == 4096
    assert send_html(text) == []
    one_of(send_html(f"<b>{body}!</b>"), "4097 characters after entity parsing")


def test_length_counts_characters_not_bytes() -> None:
    assert send("é" * 4096) == []


def test_without_parse_mode_tags_are_literal_text() -> None:
    assert send("<b>" + "x" * 4093) == []  # no HTML parsing, 4096 characters, no tag errors
    one_of(send("<b>" + "x" * 4094), "4097 characters")


def test_empty_text_after_parsing_is_rejected() -> None:
    one_of(send(""), "empty")
    one_of(send_html("<b> </b>"), "empty after entity parsing")


def test_caption_limit_1024_after_parsing() -> None:
    photo = {"chat_id": CHAT, "photo": "file-id", "parse_mode": "HTML"}
    assert check_request("sendPhoto", {**photo, "caption": "<i>" + "c" * 1024 + "</i>"}) == []
    one_of(check_request("sendPhoto", {**photo, "caption": "c" * 1025}), "sendPhoto.caption")


def test_caption_html_is_checked() -> None:
    params = {"chat_id": CHAT, "photo": "id", "caption": "a < b", "parse_mode": "html"}
    one_of(check_request("sendPhoto", params), "sendPhoto.caption: unescaped '<' at offset 2")


def test_media_group_captions_are_checked() -> None:
    media = [{"type": "photo", "media": "id", "caption": "x" * 1025}]
    one_of(check_request("sendMediaGroup", {"chat_id": CHAT, "media": media}), "media[0].caption")


def test_answer_callback_query_text_at_most_200() -> None:
    ok = {"callback_query_id": "q", "text": "y" * 200}
    assert check_request("answerCallbackQuery", ok) == []
    assert check_request("answerCallbackQuery", {"callback_query_id": "q"}) == []
    too_long = {"callback_query_id": "q", "text": "y" * 201}
    one_of(check_request("answerCallbackQuery", too_long), "201 characters", "at most 200")


def test_unknown_parse_mode() -> None:
    one_of(send("x", parse_mode="Markdown3"), "unsupported parse mode")
    assert send("*x*", parse_mode="MarkdownV2") == []


# ------------------------------------------------------------------------------------ HTML

ALL_TAGS = (
    "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s>"
    '<strike>k</strike><del>d</del><span class="tg-spoiler">p</span><tg-spoiler>t</tg-spoiler>'
    '<a href="https://example.com/?a=1&amp;b=2">link</a><a href="tg://user?id=1">me</a>'
    '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji><code>x &lt; y</code>'
    '<pre>raw</pre><pre><code class="language-python">print(1 &amp;&amp; 2)</code></pre>'
    "<blockquote>q</blockquote><blockquote expandable>long</blockquote>"
    "<b>bold <i>italic <u>under <s>strike</s></u></i></b> &quot;q&quot; &gt; &#65;&#x1F600;"
)


def test_good_html_with_every_allowed_tag_passes() -> None:
    assert html_errors(ALL_TAGS) == []
    assert send_html(ALL_TAGS) == []


def test_html_tags_and_attributes_are_case_insensitive() -> None:
    assert (
        html_errors('<B>x</B><A HREF="https://e.org">y</A><SPAN CLASS="tg-spoiler">z</SPAN>') == []
    )


def test_html_to_plain_shows_what_the_user_sees() -> None:
    text = '<b>Hi</b> <a href="https://e.org">Ann</a> &lt;3 &amp; &quot;x&quot; &gt; &#65;&#x42;'
    assert html_to_plain(text) == 'Hi Ann <3 & "x" > AB'
    assert html_to_plain(ALL_TAGS).startswith("bsieunskdptlinkme👍x < yraw")


def test_unescaped_lt_from_user_string() -> None:
    user_name = "Bob <3"
    one_of(send_html(f"<b>Hello</b>, {user_name}!"), "sendMessage.text: unescaped '<' at offset 18")


@pytest.mark.parametrize("text", ["a < b", "a<", "1<2", "<", "x <= y", "<>"])
def test_bare_lt_is_an_error(text: str) -> None:
    one_of(html_errors(text), "unescaped '<'")


@pytest.mark.parametrize("text", ["Tom & Jerry", "&nbsp;", "&lt", "&LT;", "&#0;", "&#X41;", "&#;"])
def test_bare_ampersand_and_unsupported_entities_are_errors(text: str) -> None:
    one_of(html_errors(text), "unescaped '&'")


def test_bare_gt_is_accepted_like_telegram_does() -> None:
    assert html_errors("a > b") == []


def test_bad_nesting() -> None:
    one_of(html_errors("<b><i>x</b></i>"), "bad nesting: </b> at offset 7", "open tag is <i>")
    one_of(html_errors("<b><i>x</b>"), "bad nesting: </b>")
    one_of(html_errors("<b>x</i></b>"), "bad nesting: </i>", "open tag is <b>")


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("<b>never closed", "unclosed tag <b> opened at offset 0"),
        ("stray</i>", "unexpected end tag </i> at offset 5"),
        ("<b>x</b", "unclosed end tag"),
        ("<b class=x/>y</b>", "malformed or unclosed tag <b>"),
        ("<b", "malformed or unclosed tag <b>"),
    ],
)
def test_structural_errors(text: str, needle: str) -> None:
    one_of(html_errors(text), needle)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("<script>alert(1)</script>", "unsupported tag <script> at offset 0"),
        ("line<br>next", "unsupported tag <br>"),
        ("line<br/>next", "unsupported tag <br/>"),
        ("<p>para</p>", "unsupported tag <p>"),
        ('<span class="bold">x</span>', 'must have class="tg-spoiler"'),
        ("<span>x</span>", 'must have class="tg-spoiler"'),
        ("<a>no link</a>", "<a> at offset 0 has no href"),
        ("<tg-emoji>👍</tg-emoji>", "needs a numeric emoji-id"),
        ("<b bold>x</b>", "attribute 'bold' of <b>"),
    ],
)
def test_unsupported_tags_and_attributes(text: str, needle: str) -> None:
    one_of(html_errors(text), needle)


def test_unsupported_tag_reported_once_and_surrounding_nesting_still_checked() -> None:
    assert html_errors("<b>a<br>b</b>") == ["unsupported tag <br> at offset 4"]


def test_html_errors_are_prefixed_with_method_and_field() -> None:
    one_of(send_html("<script>x</script>"), "sendMessage.text: unsupported tag <script>")


# ------------------------------------------------------------------------------- keyboards


@pytest.mark.parametrize("encode", [False, True], ids=["dict", "json-string"])
def test_reply_markup_as_dict_or_json_string(encode: bool) -> None:
    good = inline(
        [{"text": "Yes", "callback_data": "yes"}, {"text": "Docs", "url": "https://e.org"}]
    )
    bad = inline([{"text": "Both", "callback_data": "x", "url": "https://e.org"}])

    def markup(value: dict[str, object]) -> object:
        return json.dumps(value) if encode else value

    assert send("pick", reply_markup=markup(good)) == []
    one_of(send("pick", reply_markup=markup(bad)), "exactly one action field", "callback_data, url")


def test_reply_markup_with_broken_json() -> None:
    one_of(send("pick", reply_markup='{"inline_keyboard": [[}'), "reply_markup: not valid JSON")


def test_callback_data_64_bytes_passes_65_fails_counting_utf8() -> None:
    assert len("é".encode()) == 2
    ok = "é" * 32  # 32 characters, 64 bytes
    too_long = "é" * 32 + "a"  # 33 characters, 65 bytes
    assert send("x", reply_markup=inline([{"text": "ok", "callback_data": ok}])) == []
    one_of(
        send("x", reply_markup=inline([{"text": "no", "callback_data": too_long}])),
        "inline_keyboard[0][0].callback_data: 65 bytes",
    )
    emoji = "😀" * 16  # 16 characters, 64 bytes
    assert send("x", reply_markup=inline([{"text": "ok", "callback_data": emoji}])) == []
    one_of(
        send("x", reply_markup=inline([{"text": "no", "callback_data": emoji + "a"}])), "65 bytes"
    )


def test_empty_callback_data_is_rejected() -> None:
    one_of(send("x", reply_markup=inline([{"text": "a", "callback_data": ""}])), "0 bytes")


@pytest.mark.parametrize(
    "action",
    [
        {"callback_data": "d"},
        {"url": "https://e.org"},
        {"switch_inline_query": ""},
        {"switch_inline_query_current_chat": "q"},
        {"copy_text": {"text": "c"}},
        {"web_app": {"url": "https://e.org/app"}},
    ],
)
def test_each_single_inline_action_is_accepted(action: dict[str, object]) -> None:
    assert send("x", reply_markup=inline([{"text": "t", "style": "primary", **action}])) == []


def test_inline_button_without_action_or_with_unknown_field() -> None:
    one_of(send("x", reply_markup=inline([{"text": "t"}])), "exactly one action field, found none")
    errors = send("x", reply_markup=inline([{"text": "t", "callback": "d"}]))
    assert any("unknown field 'callback' for InlineKeyboardButton" in e for e in errors)


def test_inline_button_needs_text() -> None:
    one_of(
        send("x", reply_markup=inline([{"callback_data": "d"}])),
        "[0][0]: missing required field 'text'",
    )


def test_reply_keyboard_buttons() -> None:
    keyboard = {"keyboard": [["Plain", {"text": "Share", "request_contact": True}]]}
    assert send("x", reply_markup={**keyboard, "resize_keyboard": True}) == []
    one_of(send("x", reply_markup={"keyboard": [[{"request_contact": True}]]}), "'text'")
    one_of(send("x", reply_markup={"keyboard": [[""]]}), "keyboard[0][0]: button text is empty")
    one_of(send("x", reply_markup={"keyboard": ["flat"]}), "array of arrays")


def test_remove_keyboard_and_force_reply_are_accepted() -> None:
    assert send("x", reply_markup={"remove_keyboard": True}) == []
    assert send("x", reply_markup={"force_reply": True, "input_field_placeholder": "Name"}) == []


def test_edit_methods_only_take_inline_keyboards() -> None:
    params = {"chat_id": CHAT, "message_id": 7, "text": "x"}
    assert check_request("editMessageText", {**params, "reply_markup": inline()}) == []
    reply = {"keyboard": [["a"]]}
    one_of(
        check_request("editMessageText", {**params, "reply_markup": reply}),
        "ReplyKeyboardMarkup is not allowed here",
    )


# ---------------------------------------------------------------------------- setMyCommands


def command(name: str, description: str = "Does a thing") -> dict[str, str]:
    return {"command": name, "description": description}


def test_good_commands_pass() -> None:
    commands = [command("start"), command("log_contact"), command("a" * 32), command("x1")]
    assert check_request("setMyCommands", {"commands": commands}) == []
    assert check_request("setMyCommands", {"commands": json.dumps(commands)}) == []


@pytest.mark.parametrize(
    "name", ["Start", "log-contact", "a" * 33, "", "/start", "café", "two words"]
)
def test_bad_command_names(name: str) -> None:
    one_of(check_request("setMyCommands", {"commands": [command(name)]}), "commands[0].command")


@pytest.mark.parametrize(
    ("description", "ok"), [("", False), ("d" * 256, True), ("d" * 257, False)]
)
def test_command_description_length(description: str, ok: bool) -> None:
    errors = check_request("setMyCommands", {"commands": [command("help", description)]})
    assert (errors == []) is ok, errors


def test_at_most_100_commands() -> None:
    commands = [command(f"c{k}") for k in range(100)]
    assert check_request("setMyCommands", {"commands": commands}) == []
    one_of(
        check_request("setMyCommands", {"commands": [*commands, command("c100")]}),
        "101 commands",
    )


def test_command_with_unknown_or_missing_field() -> None:
    errors = check_request("setMyCommands", {"commands": [{"command": "go", "desc": "x"}]})
    assert any("unknown field 'desc' for BotCommand" in e for e in errors)
    assert any("missing required field 'description'" in e for e in errors)
