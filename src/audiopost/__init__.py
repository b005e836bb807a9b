"""audiopost: turn a blog post into its podcast companion."""

__version__ = "0.1.0"

from audiopost.errors import AudiopostError
from audiopost.pipeline import Options, Result, narrate, prepare, slug

__all__ = ["AudiopostError", "Options", "Result", "__version__", "narrate", "prepare", "slug"]
