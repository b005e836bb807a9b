"""Episode → Feed: the episode added (or updated) as an item of a podcast RSS feed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from urllib.parse import quote, urlsplit

from audiopost.episode import Episode
from audiopost.feed import Channel, Item, cap_description, episode_guid, update_feed
from audiopost.sources.post import Post

SETTINGS = Channel(title="", language="")
"""Channel fields the user did not set are empty here and filled from the post by channel_for()."""


def url_for(base_url: str, path: Path) -> str:
    """The public URL of a file uploaded to ``base_url`` (ASCII, percent-encoded)."""
    return base_url.rstrip("/") + "/" + quote(path.name)


def site_root(link: str) -> str:
    """The site of a post's link ("https://blog.example.org/2026/11/post" → "https://blog.example.org/"): the
    channel's link, the same whichever post a batch adds last."""
    parts = urlsplit(link)
    return f"{parts.scheme}://{parts.netloc}/" if parts.scheme in ("http", "https") and parts.netloc else link


def channel_for(settings: Channel, post: Post, feed_url: str) -> Channel:
    """The user's channel settings, with what they left empty taken from the post's site."""
    title = settings.title or post.site or post.author or "Narrated posts"
    return replace(settings, title=title, link=settings.link or site_root(post.link),
                   description=settings.description or f"Audio editions of {title}.",
                   author=settings.author or post.author,
                   owner_name=settings.owner_name or settings.author or post.author,
                   language=settings.language or post.language or "en", feed_url=feed_url)


def publish(feed: Path, base_url: str, settings: Channel, post: Post, episode: Episode,
            description: str, transcript: Path | None = None, chapters: Path | None = None) -> None:
    """Create ``feed`` or add this episode to it, with the MP3's exact byte length and duration."""
    image = post.image if post.image.startswith(("http://", "https://")) else ""
    item = Item(
        guid=episode_guid(post.guid, post.link, post.title), title=post.title,
        enclosure_url=url_for(base_url, episode.path), length=episode.bytes, duration=episode.duration,
        pub_date=post.date, description=cap_description(description), link=post.link, image=image,
        explicit=settings.explicit,
        transcript_url=url_for(base_url, transcript) if transcript else "",
        chapters_url=url_for(base_url, chapters) if chapters else "",
    )
    update_feed(feed, channel_for(settings, post, url_for(base_url, feed)), item)
