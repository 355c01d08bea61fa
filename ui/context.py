"""What every page is given: the open workspace and the logged-in agent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.agents import Agent

if TYPE_CHECKING:
    from app.workspace import Workspace


@dataclass
class Session:
    ws: Workspace
    agent: Agent

    @property
    def username(self) -> str:
        return self.agent.username
