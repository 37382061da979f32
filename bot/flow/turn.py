"""One update inside a flow (:class:`Turn`), and where a callback sends it next (:class:`Next`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from telegram import Message, Update

from bot.flow.context import CoachContext, user_id
from bot.flow.replies import Rows, replace, say, say_template
from bot.flow.state import FlowState
from bot.services import Services

if TYPE_CHECKING:
    from bot.flow.conversation import Flow, Step

S = TypeVar("S", bound=FlowState)


@dataclass(frozen=True, slots=True)
class Next:
    """Where a callback sends the flow: a step (asked or not), a pause, or the end."""

    step: str | None = None
    ask: bool = True
    pause: bool = False


FINISHED = Next()
PAUSED = Next(pause=True)


class Turn(Generic[S]):
    """One update inside a flow: the student, the services, the flow's state and the replies."""

    def __init__(self, flow: Flow[S], update: Update, context: CoachContext, state: S) -> None:
        self.flow = flow
        self.update = update
        self.context = context
        self.state = state

    @property
    def services(self) -> Services:
        """Store, LLM, clock, repositories."""
        return self.context.services

    @property
    def user_id(self) -> int:
        """The student."""
        return user_id(self.update)

    @property
    def message(self) -> Message:
        """The message this update carries (text, voice, contact or file steps)."""
        assert self.update.effective_message is not None
        return self.update.effective_message

    @property
    def resumable(self) -> bool:
        """Whether a paused run of this flow is stored and can continue at its step."""
        return bool(self.state.step) and self.state.step in self.flow.steps

    # -- replies ------------------------------------------------------------------------------

    async def say(self, template: str, buttons: Rows | None = None, **variables: Any) -> Message:
        """Render ``prompts/<template>`` strictly and send it."""
        return await say_template(self.update, self.context, template, buttons, **variables)

    async def say_html(self, html: str, buttons: Rows | None = None) -> Message:
        """Send HTML the caller built (already escaped)."""
        return await say(self.update, self.context, html, buttons)

    async def replace(self, html: str, buttons: Rows | None = None) -> None:
        """Edit the pressed message in place (or send anew)."""
        await replace(self.update, self.context, html, buttons)

    # -- where next ---------------------------------------------------------------------------

    def goto(self, step: Step[S] | str) -> Next:
        """Move to ``step`` and ask its question (also: ask the current one again)."""
        return Next(step if isinstance(step, str) else step.name)

    def stay(self) -> Next:
        """Stay on the current step without asking again (after explaining what was wrong)."""
        return Next(self.state.step, ask=False)

    def resume(self) -> Next:
        """Continue a paused run at its step."""
        return Next(self.state.step)

    def fresh(self) -> S:
        """Forget any stored run and start from a new state."""
        self.state = self.flow.new_state()
        return self.state

    def end(self) -> Next:
        """The flow is finished: its state is forgotten."""
        return FINISHED

    def pause(self) -> Next:
        """Leave the flow but keep its state, so its command resumes at the same step."""
        return PAUSED
