"""A conversation declared once: its steps, what each asks, what it accepts, where it goes next.

A flow is written as one callback per thing the student can do, in the style of
python-telegram-bot's examples, and the kit does the rest::

    FLOW = Flow("onboarding", Onboarding, label="setup", resume="/start", hint="...")
    ASKING = FLOW.step("asking", ask=ask_question)

    @FLOW.command("start")
    async def start(turn: Turn[Onboarding]) -> Next:
        return turn.goto(ASKING)

    @ASKING.text
    async def answer(turn: Turn[Onboarding], text: str) -> Next:
        ...
        return turn.goto(ASKING)           # record the step, then ask its question

    @ASKING.press(Skip)
    async def skip(turn: Turn[Onboarding], press: Skip) -> Next:
        ...

From that description :meth:`Flow.build` makes the ``ConversationHandler``: re-entrant, with
``/cancel`` (pause), pause-on-command and a step-aware hint. Every transition is written to the
flow's typed state (see :mod:`bot.flow.state`) before the next question is sent, and PTB's
in-memory state is restored from it before each update, so there is one copy of where the
student stands. Button callbacks get a typed press that is already verified for the pressing
student, answered and (unless ``keep_buttons``) stripped of its buttons.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

from telegram import Message, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.flow.buttons import Press
from bot.flow.context import AnyHandler, CoachContext
from bot.flow.fallbacks import flow_fallbacks
from bot.flow.presses import answer_press, any_of
from bot.flow.replies import say
from bot.flow.state import FlowState, clear_state, load_state, save_state
from bot.flow.turn import Next, Turn
from bot.render.messages import message

S = TypeVar("S", bound=FlowState)
P = TypeVar("P", bound=Press)
END = ConversationHandler.END
TEXT = filters.TEXT & ~filters.COMMAND


Ask = Callable[[Turn[S]], Awaitable[Next | None]]
TextCallback = Callable[[Turn[S], str], Awaitable[Next | None]]
PressCallback = Callable[[Turn[S], P], Awaitable[Next | None]]
MessageCallback = Callable[[Turn[S], Message], Awaitable[Next | None]]


class Step(Generic[S]):
    """One question of a flow and what it accepts.

    ``ask`` sends the question (it may return a :class:`Next` to move on at once, e.g. when
    nothing is left to ask); ``hint`` is the message key (see :mod:`bot.render.messages`) of
    what unexpected input gets on this step.
    """

    def __init__(self, flow: Flow[S], name: str, ask: Ask[S], hint: str | None) -> None:
        self.flow = flow
        self.name = name
        self.ask = ask
        self.hint = hint
        self.handlers: list[AnyHandler] = []

    def text(self, callback: TextCallback[S]) -> TextCallback[S]:
        """Decorator: typed text (not a command) on this step."""

        async def run(update: Update, context: CoachContext) -> object:
            assert update.message is not None and update.message.text is not None
            return await self.flow.run(update, context, callback, update.message.text)

        self.handlers.append(MessageHandler(TEXT, run))
        return callback

    def message(
        self, accepts: filters.BaseFilter
    ) -> Callable[[MessageCallback[S]], MessageCallback[S]]:
        """Decorator: another kind of message on this step (a voice note, a contact, a file)."""

        def register(callback: MessageCallback[S]) -> MessageCallback[S]:
            async def run(update: Update, context: CoachContext) -> object:
                assert update.effective_message is not None
                return await self.flow.run(update, context, callback, update.effective_message)

            self.handlers.append(MessageHandler(accepts, run))
            return callback

        return register

    def press(
        self,
        *kinds: type[P],
        keep_buttons: bool = False,
        pattern: Callable[[object], bool] | None = None,
    ) -> Callable[[PressCallback[S, P]], PressCallback[S, P]]:
        """Decorator: a press of one of ``kinds`` on this step; ``pattern`` (e.g.
        ``Kind.where(field=value)``) narrows it when one kind serves several flows."""

        def register(callback: PressCallback[S, P]) -> PressCallback[S, P]:
            self.handlers.append(self.flow.press_handler(kinds, callback, keep_buttons, pattern))
            return callback

        return register


class FlowConversation(ConversationHandler[CoachContext]):
    """The ``ConversationHandler`` a :class:`Flow` builds, which knows its flow (for restore)."""

    __slots__ = ("flow",)

    def __init__(self, flow: Flow[Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.flow = flow


def restore_flows(
    handlers: Sequence[AnyHandler], update: object, user_data: dict[str, Any]
) -> None:
    """Before routing ``update``, set every flow's in-memory state from the student's record."""
    if not isinstance(update, Update):
        return
    for handler in handlers:
        if isinstance(handler, FlowConversation):
            handler.flow.restore(update, user_data)


class Flow(Generic[S]):
    """A persistent, resumable conversation built from its steps."""

    def __init__(
        self,
        name: str,
        state: type[S],
        *,
        label: str,
        resume: str,
        hint: str,
        leave_on: filters.BaseFilter | None = None,
        leave_on_other_buttons: bool = False,
        on_cancel: Callable[[CoachContext], object] | None = None,
        legacy: Callable[[dict[str, Any]], S | None] | None = None,
    ) -> None:
        """``label`` names the flow in "I've paused …"; ``resume`` is the command that resumes
        it; ``hint`` is a message key for unexpected input; ``legacy`` turns a student's state
        from before the kit into this flow's state (read once, then stored the new way)."""
        self.name = name
        self.state_type = state
        self.label = label
        self.resume_command = resume
        self.hint = hint
        self.steps: dict[str, Step[S]] = {}
        self._entries: list[AnyHandler] = []
        self._leave_on = leave_on
        self._leave_on_other_buttons = leave_on_other_buttons
        self._on_cancel = on_cancel
        self._legacy = legacy
        self._handler: FlowConversation | None = None

    # -- declaring ----------------------------------------------------------------------------

    def step(self, name: str, *, ask: Ask[S], hint: str | None = None) -> Step[S]:
        """Add a step; its name is also what is stored for resume, so keep it stable."""
        if name in self.steps:
            raise ValueError(f"{self.name} already has a step {name!r}")
        self.steps[name] = Step(self, name, ask, hint)
        return self.steps[name]

    def command(self, *commands: str) -> Callable[[Ask[S]], Ask[S]]:
        """Decorator: the command(s) that open (or resume) the flow."""

        def register(callback: Ask[S]) -> Ask[S]:
            async def run(update: Update, context: CoachContext) -> object:
                return await self.run(update, context, callback)

            self._entries.append(CommandHandler(list(commands), run))
            return callback

        return register

    def entry_press(
        self,
        *kinds: type[P],
        pattern: Callable[[object], bool] | None = None,
        keep_buttons: bool = False,
    ) -> Callable[[PressCallback[S, P]], PressCallback[S, P]]:
        """Decorator: a button elsewhere (a menu, a contact card) that opens the flow;
        ``keep_buttons`` leaves that message's other buttons usable."""

        def register(callback: PressCallback[S, P]) -> PressCallback[S, P]:
            self._entries.append(self.press_handler(kinds, callback, keep_buttons, pattern))
            return callback

        return register

    def entry_message(
        self, accepts: filters.BaseFilter
    ) -> Callable[[MessageCallback[S]], MessageCallback[S]]:
        """Decorator: a kind of message (a shared contact, say) that opens the flow."""

        def register(callback: MessageCallback[S]) -> MessageCallback[S]:
            async def run(update: Update, context: CoachContext) -> object:
                assert update.effective_message is not None
                return await self.run(update, context, callback, update.effective_message)

            self._entries.append(MessageHandler(accepts, run))
            return callback

        return register

    def add_entry(self, handler: AnyHandler) -> None:
        """An entry point built elsewhere (e.g. wrapped in ``YieldToFlows``)."""
        self._entries.append(handler)

    # -- building -----------------------------------------------------------------------------

    def build(self) -> FlowConversation:
        """The ``ConversationHandler`` for this flow (built once)."""
        if self._handler is None:
            self._handler = FlowConversation(
                self,
                entry_points=self._entries,
                states={name: step.handlers for name, step in self.steps.items()},
                fallbacks=flow_fallbacks(
                    flow=self.label,
                    resume=self.resume_command,
                    hint=self._hint,
                    leave_on=self._leave_on,
                    leave_on_other_buttons=self._leave_on_other_buttons,
                    on_cancel=self._on_cancel,
                    on_pause=self._paused,
                ),
                name=self.name,
                allow_reentry=True,
            )
        return self._handler

    def restore(self, update: Update, user_data: dict[str, Any]) -> None:
        """Set PTB's in-memory state for this student from the stored record (before routing)."""
        handler = self.build()
        try:
            key = handler._get_key(update)
        except RuntimeError:  # no chat or user: nothing to route
            return
        state = self._stored(user_data)
        # PTB offers no public setter; its per-key map is the documented seam tests cover.
        if state is not None and state.active and state.step in self.steps:
            handler._conversations[key] = state.step
        else:
            handler._conversations.pop(key, None)

    # -- running ------------------------------------------------------------------------------

    def new_state(self) -> S:
        """A fresh state for a new run."""
        return self.state_type()

    async def run(
        self, update: Update, context: CoachContext, callback: Callable[..., Any], *args: object
    ) -> object:
        """Run one callback of this flow and follow where it sends the student."""
        turn = Turn(self, update, context, self._stored(context.scratch) or self.new_state())
        return await self._follow(turn, await callback(turn, *args))

    async def _follow(self, turn: Turn[S], target: Next | None) -> object:
        while True:
            if target is None:
                self._save(turn, active=True)
                return None  # PTB: stay in the current state
            if target.pause:
                self._save(turn, active=False)
                return END
            if target.step is None:
                clear_state(turn.context.scratch, self.name)
                return END
            if target.step not in self.steps:
                raise KeyError(f"{self.name} has no step {target.step!r}")
            turn.state.step = target.step
            self._save(turn, active=True)
            if not target.ask:
                return target.step
            then = await self.steps[target.step].ask(turn)
            if then is None:
                self._save(turn, active=True)
                return turn.state.step
            target = then

    def press_handler(
        self,
        kinds: Sequence[type[P]],
        callback: PressCallback[S, P],
        keep_buttons: bool,
        pattern: Callable[[object], bool] | None = None,
    ) -> CallbackQueryHandler[CoachContext, object]:
        """A handler for presses of ``kinds``, decoded and answered before ``callback`` runs."""

        async def run(update: Update, context: CoachContext) -> object:
            press = await answer_press(update, context, kinds, keep_buttons)
            if press is None:
                return None
            return await self.run(update, context, callback, press)

        return CallbackQueryHandler(run, pattern=pattern or any_of(kinds))

    # -- state --------------------------------------------------------------------------------

    def _stored(self, user_data: dict[str, Any]) -> S | None:
        state = load_state(user_data, self.name, self.state_type)
        if state is None and self._legacy is not None:
            state = self._legacy(user_data)
            if state is not None:
                state.active = False
                save_state(user_data, self.name, state)
        return state

    def _save(self, turn: Turn[S], *, active: bool) -> None:
        turn.state.active = active
        save_state(turn.context.scratch, self.name, turn.state)

    def _paused(self, context: CoachContext) -> None:
        state = self._stored(context.scratch)
        if state is not None:
            state.active = False
            save_state(context.scratch, self.name, state)

    async def _hint(self, update: Update, context: CoachContext) -> None:
        state = self._stored(context.scratch)
        step = self.steps.get(state.step) if state is not None else None
        await say(update, context, message(step.hint if step and step.hint else self.hint))
