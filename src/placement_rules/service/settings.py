"""The service's settings: limits, CORS, the admin reload endpoint. Immutable."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..limits import SERVICE_MAX_BODY_BYTES, SERVICE_MAX_CASES, SERVICE_MAX_EVENTS

__all__ = ["ServiceSettings"]


class ServiceSettings(BaseModel):
    """What an operator may set (``placement-rules serve`` passes its options here)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_body_bytes: int = Field(default=SERVICE_MAX_BODY_BYTES, ge=1024)
    """A request body (one event, a case log); larger: 413."""
    max_batch_bytes: int = Field(default=16 * SERVICE_MAX_BODY_BYTES, ge=1024)
    """A batch request's body; larger: 413."""
    max_batch_events: int = Field(default=SERVICE_MAX_EVENTS, ge=1)
    """Events in one batch; more: 413 with the limit named."""
    max_case_events: int = Field(default=SERVICE_MAX_CASES, ge=1)
    """Events in one case log to track; more: 413."""
    request_timeout_seconds: float = Field(default=10.0, gt=0)
    """Time to answer one request (a batch: to produce each next answer); longer: 503."""
    cors_origins: tuple[str, ...] = ()
    """Origins allowed by CORS; empty: no CORS headers at all."""
    admin_reload: bool = False
    """Whether ``POST /v1/admin/reload`` reloads the rules (off: 404). SIGHUP always does,
    in the worker that receives it."""
