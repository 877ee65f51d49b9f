"""The HTTP service (``placement-rules serve``, extra ``[service]``): FastAPI on uvicorn, the
result contract under ``/v1``. See docs/service.md."""

from __future__ import annotations

from .app import create_app
from .settings import ServiceSettings

__all__ = ["ServiceSettings", "create_app"]
