"""Posts and feeds from http(s) URLs: a timeout, a size cap, a bounded number of redirects."""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urlsplit

from audiopost import __version__
from audiopost.errors import AudiopostError

TIMEOUT = 30.0
MAX_REDIRECTS = 5


def is_url(source: str) -> bool:
    return "://" in source[:12]


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise AudiopostError(f"refusing a redirect to {newurl} (only http and https are fetched)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, limit: int) -> bytes:
    """The body at ``url`` (http or https only), at most ``limit`` bytes."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise AudiopostError(f"cannot read {url}: only http and https URLs are fetched")
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(url, headers={"User-Agent": f"audiopost/{__version__}"})
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            data = response.read(limit + 1)
    except urllib.error.HTTPError as e:
        raise AudiopostError(f"cannot fetch {url}: HTTP {e.code} {e.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise AudiopostError(f"cannot fetch {url}: {reason}") from None
    if len(data) > limit:
        raise AudiopostError(f"{url} is larger than the limit of {limit:,} bytes (raise it with --max-chars)")
    return data
