"""audiopost: turn a blog post into its podcast companion."""

from typing import Any

from audiopost.errors import AudiopostError

__version__ = "0.1.0"
__all__ = ["AudiopostError", "Options", "Result", "__version__", "narrate", "prepare", "slug"]


def __getattr__(name: str) -> Any:
    # The pipeline pulls in numpy: load it on first use, so that `audiopost --help`, the
    # synthesis worker processes and the "up to date" check start fast.
    if name in ("Options", "Result", "narrate", "prepare", "slug"):
        from audiopost import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'audiopost' has no attribute {name!r}")
