"""Claude behind one small gateway, plus the offline fallback contract every feature honours."""

from bot.llm.gateway import LLM, ClaudeGateway, NoLLM, build_llm

__all__ = ["LLM", "ClaudeGateway", "NoLLM", "build_llm"]
