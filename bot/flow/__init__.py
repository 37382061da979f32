"""The flow kit: everything a feature needs to talk to a student, and nothing about any feature.

- :class:`Flow`, :class:`Step`, :class:`Turn`, :class:`Next`: a conversation declared as steps
  (``conversation``), its typed state stored once (``state``);
- :class:`Press` and :class:`Go`: typed, signed button data (``buttons``);
- :func:`on_press`: a typed button outside any flow;
- :func:`say`, :func:`say_template`, :func:`replace`: replies that respect Telegram's limits;
- :class:`YieldToFlows`: passive entry points that step aside mid-flow.
"""

from bot.flow.buttons import Go, Press
from bot.flow.context import CoachContext, user_id
from bot.flow.conversation import Flow, Step
from bot.flow.fallbacks import END, flow_fallbacks, leave_for_command
from bot.flow.presses import answer_press, on_press
from bot.flow.replies import Rows, drop_buttons, replace, say, say_template
from bot.flow.state import FlowState
from bot.flow.turn import Next, Turn
from bot.flow.yielding import YieldToFlows

__all__ = [
    "END",
    "CoachContext",
    "Flow",
    "FlowState",
    "Go",
    "Next",
    "Press",
    "Rows",
    "Step",
    "Turn",
    "YieldToFlows",
    "answer_press",
    "drop_buttons",
    "flow_fallbacks",
    "leave_for_command",
    "on_press",
    "replace",
    "say",
    "say_template",
    "user_id",
]
