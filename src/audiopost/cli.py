"""The command line: parse options, call the library, print results. AudiopostError → ``Error: …``."""

from __future__ import annotations

import dataclasses
import json
import signal
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from audiopost import __version__, profiles
from audiopost.engines import ENGINES
from audiopost.errors import AudiopostError

# The library is imported inside each command: the synthesis workers re-import this module (as the
# program's main module) and must not pay for numpy, scipy and lxml.


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that every ``finally`` removes its temp files."""


def _terminate(signum: int, frame: object) -> None:
    _quiet_unraisable()
    raise Terminated()


def _interrupt(signum: int, frame: object) -> None:
    _quiet_unraisable()
    raise KeyboardInterrupt()


def _quiet_unraisable() -> None:
    """An object the signal caught half-built (a ``wave.Wave_write`` in its ``__init__``, say) complains in
    its ``__del__`` with a traceback on stderr: after an interruption that is noise, not news."""
    sys.unraisablehook = lambda unraisable: None


def _errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn AudiopostError into one ``Error: …`` line and exit 1; Ctrl-C into 130, SIGTERM into 143."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        previous = signal.signal(signal.SIGTERM, _terminate)
        previous_int = signal.signal(signal.SIGINT, _interrupt)
        try:
            return func(*args, **kwargs)
        except AudiopostError as e:
            click.echo(f"Error: {e}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("Error: interrupted", err=True)
            sys.exit(130)
        except Terminated:
            click.echo("Error: terminated", err=True)
            sys.exit(143)
        finally:
            signal.signal(signal.SIGTERM, previous)
            signal.signal(signal.SIGINT, previous_int)

    return wrapper


def _log(message: str) -> None:
    click.echo(f"audiopost: {message}", err=True)


def _chunk_progress() -> Callable[[int, int], None]:
    """A one-line counter on a terminal; every 10 % as plain lines otherwise."""
    tty = sys.stderr.isatty()
    last = [-1]

    def show(done: int, total: int) -> None:
        if tty:
            click.echo(f"\raudiopost: spoken {done}/{total} chunks", err=True, nl=done == total)
        elif total and (done * 10 // total > last[0] or done == total):
            last[0] = done * 10 // total
            _log(f"spoken {done}/{total} chunks")

    return show


@click.group()
@click.version_option(__version__, prog_name="audiopost")
def main() -> None:
    """Turn a blog post into its podcast companion."""


POST = click.argument("post", type=str)


def _apply(*decorators: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def wrap(func: Any) -> Any:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func

    return wrap


# Flags that narrate and batch share: the voice, the mastering, the cache and the feed.
RENDER_OPTIONS = _apply(
    click.option("--force", is_flag=True, help="Rebuild, and replace existing files audiopost did not make."),
    click.option("--intro", type=str, default="", help="Audio clip to play before the speech."),
    click.option("--outro", type=str, default="", help="Audio clip to play after the speech."),
    click.option("--cover", type=str, default="", help="Cover image (square JPEG/PNG) to embed."),
    click.option("--voice", type=str, default="default", show_default=True, help="Voice profile name or path."),
    click.option("--language", type=str, default="", metavar="CODE",
                 help="The post's language (es, fr, de, pt-BR …) [as the post says, else guessed from its text]."),
    click.option("--engine", type=click.Choice(sorted(ENGINES)), default=None, help="Speech engine override."),
    click.option("--bitrate", type=click.IntRange(32, 320), default=None, help="MP3 bitrate in kbit/s [96]."),
    click.option("--no-spoken-intro", is_flag=True, help="Do not speak the intro/outro templates."),
    click.option("--no-cache", is_flag=True, help="Synthesize and encode everything again (and store nothing)."),
    click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                 help="Cache folder: synthesized sentences, encoded parts [~/.cache/audiopost]."),
    click.option("-q", "--quiet", is_flag=True, help="No progress on stderr."),
    click.option("--lyrics", is_flag=True, help="Embed the full transcript as an ID3 USLT frame."),
    click.option("--page", is_flag=True, help="Also write <slug>.html: a player with chapters and a live transcript."),
    click.option("--max-chars", type=click.IntRange(1), default=2_000_000, show_default=True,
                 help="Refuse longer posts."),
    click.option("--feed", "feed_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                 help="Podcast RSS feed to create or update with the episodes."),
    click.option("--base-url", type=str, default="", help="Public URL of the folder the files are uploaded to."),
    click.option("--feed-title", type=str, default="", help="Podcast title [the post's site]."),
    click.option("--feed-description", type=str, default="", help="Podcast description."),
    click.option("--feed-image", type=str, default="", help="URL of the podcast artwork (1400-3000 px square)."),
    click.option("--owner-email", type=str, default="", help="itunes:owner e-mail."),
    click.option("--category", type=str, default="News", show_default=True, help="Apple Podcasts category."),
    click.option("--explicit", is_flag=True, help="Mark the episodes and feed explicit."),
    click.option("--publish", "publish_to", type=str, default="", metavar="TARGET",
                 help="At the end, publish the output folder (see `audiopost publish`): a URL, folder or config name."),
)


@main.command("narrate")
@POST
@click.option("-o", "--output", type=click.Path(path_type=Path), help="MP3 to write "
              "(default: output/<slug-of-title>.mp3).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object describing the episode.")
@click.option("--title", type=str, default="", help="Episode title (default: the post's).")
@click.option("--author", type=str, default="", help="Author (default: the post's).")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Synthesis processes [CPU count].")
@click.option("--entry", type=click.IntRange(1), default=None, help="Feed input: narrate entry N (1 = newest).")
@click.option("--guid", type=str, default=None, help="Feed input: narrate the entry with this guid.")
@click.option("--match", type=str, default=None, help="Feed input: narrate the newest entry whose title has TEXT.")
@RENDER_OPTIONS
@_errors
def narrate_cmd(post: str, as_json: bool, quiet: bool, **kw: Any) -> None:
    """Narrate POST (a .txt, .md or .html file, an RSS/Atom feed, a URL, or - for stdin) into an MP3."""
    from audiopost.pipeline import narrate

    publish_to = kw.pop("publish_to")
    options = _options(kw, progress=None if quiet else _chunk_progress())
    result = narrate(post, options, log=(lambda _: None) if quiet else _log)
    ep = result.episode
    if publish_to:
        _publish(ep.path.parent, publish_to)
    if result.cache_repaired:  # said even with -q: a damaged cache points at a disk or sync problem
        _log(_repaired(result.cache_repaired))
    if as_json:
        click.echo(json.dumps({
            "output": str(ep.path), "duration": round(ep.duration, 3), "bytes": ep.bytes,
            "loudness_lufs": round(ep.loudness_lufs, 2), "true_peak_dbtp": round(ep.true_peak_dbtp, 2),
            "title": result.post.title, "author": result.post.author, "language": result.script.language,
            "language_from": result.post.language_from, "voice": result.voice, "chunks": result.chunks,
            "synthesized": result.synthesized, "up_to_date": result.up_to_date,
            "parts": result.parts, "parts_reused": result.parts_reused, "cache_repaired": result.cache_repaired,
            "chapters": [{"title": c.title, "start": c.start} for c in result.chapters],
            "transcript": str(result.files["vtt"]),
            **({"page": str(result.files["page"])} if "page" in result.files else {}),
        }))
    else:
        click.echo(f"{ep.path}  {ep.duration:.1f} s  {ep.bytes:,} bytes  "
                   f"{ep.loudness_lufs:.1f} LUFS  {ep.true_peak_dbtp:.1f} dBTP")


def _repaired(count: int) -> str:
    return f"{count} damaged cache {'entry' if count == 1 else 'entries'} removed and made again"


def _options(kw: dict[str, Any], **more: Any) -> Any:
    """pipeline.Options from the shared narrate/batch flags."""
    from audiopost.pipeline import Options
    from audiopost.publish import SETTINGS
    from audiopost.sources import Pick

    channel = dataclasses.replace(SETTINGS, title=kw.pop("feed_title"), description=kw.pop("feed_description"),
                              image=kw.pop("feed_image"), owner_email=kw.pop("owner_email"),
                              category=kw.pop("category"), explicit=kw.pop("explicit"))
    pick = Pick(kw.pop("entry", None), kw.pop("guid", None), kw.pop("match", None))
    return Options(
        output=kw.pop("output", None), force=kw.pop("force"), title=kw.pop("title", ""), author=kw.pop("author", ""),
        cover=kw.pop("cover"), intro=kw.pop("intro"), outro=kw.pop("outro"), voice=kw.pop("voice"),
        engine=kw.pop("engine") or "", bitrate=kw.pop("bitrate"), spoken_intro=not kw.pop("no_spoken_intro"),
        cache=not kw.pop("no_cache"), cache_dir=kw.pop("cache_dir"), lyrics=kw.pop("lyrics"),
        workers=kw.pop("workers"), max_chars=kw.pop("max_chars"), pick=pick, feed=kw.pop("feed_path"),
        base_url=kw.pop("base_url"), channel=channel, page=kw.pop("page", False), **kw, **more)


@main.command("batch")
@click.argument("source", type=str)
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder for the episodes.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Posts narrated at once [CPU count].")
@click.option("--since", type=str, default="", help="Only posts published on or after this date (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(1), default=None, help="Only the newest N posts.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Local processes, or a Dask distributed cluster.")
@click.option("--scheduler", type=str, default="", help="Dask scheduler address (tcp://host:8786) [a local cluster].")
@click.option("--report", is_flag=True, help="Also write OUT_DIR/report.html: every episode at a glance.")
@RENDER_OPTIONS
@_errors
def batch_cmd(source: str, out_dir: Path, workers: int | None, since: str, limit: int | None, executor: str,
              scheduler: str, quiet: bool, report: bool, **kw: Any) -> None:
    """Narrate every entry of a feed (file or URL), or every post in a folder; skip unchanged episodes."""
    import os

    from audiopost import batch

    todo = batch.jobs(source, out_dir, since=since, limit=limit, max_chars=kw["max_chars"])
    if not todo:
        raise AudiopostError(f"{source}: no posts to narrate")
    if report:
        from audiopost.report import check_target

        check_target(out_dir, kw["force"])  # before minutes of work
    posts_at_once = workers or os.cpu_count() or 1
    publish_to = kw.pop("publish_to")
    options = _options({**kw, "workers": None})
    bar = None
    if not quiet and sys.stderr.isatty():
        bar = click.progressbar(length=len(todo), label="audiopost", file=sys.stderr)

    def done(outcome: Any) -> None:
        if bar is not None:
            bar.update(1)
        elif not quiet:
            _log(f"{outcome.status}: {outcome.job.output}" + (f" ({outcome.error})" if outcome.error else ""))

    outcomes = batch.run(todo, options, workers=posts_at_once, executor=executor, scheduler=scheduler, on_done=done)
    if bar is not None:
        bar.render_finish()
    for o in outcomes:
        duration = f"{o.result.episode.duration:7.1f} s" if o.result else " " * 9
        click.echo(f"{o.status:<10} {duration}  {o.job.output}  {o.error or o.job.title}")
    count = {s: sum(o.status == s for o in outcomes) for s in ("made", "up to date", "skipped", "failed")}
    repaired = sum(o.result.cache_repaired for o in outcomes if o.result)
    if repaired:
        _log(_repaired(repaired))
    click.echo(f"{len(outcomes)} posts: " + ", ".join(f"{n} {status}" for status, n in count.items()))
    if report:
        from audiopost.pipeline import load_profile
        from audiopost.report import write_report

        profile = load_profile(options)
        written = write_report(out_dir, outcomes, loudness=profile.loudness, true_peak=profile.true_peak,
                               force=options.force)
        click.echo(f"report: {written}")
    if publish_to:  # what was made is published even when some posts failed
        click.echo(_publish(out_dir, publish_to).summary())
    failed = count["failed"]
    if failed:
        raise AudiopostError(f"{failed} of {len(outcomes)} posts failed")


@main.group("feed")
def feed_group() -> None:
    """Podcast feed tools."""


@feed_group.command("check")
@click.argument("feed", type=click.Path(dir_okay=False, path_type=Path))
@_errors
def feed_check_cmd(feed: Path) -> None:
    """Check a podcast feed against Apple's and Podcasting 2.0's rules; exit 1 when anything is wrong."""
    from audiopost.feed import check_feed

    problems = check_feed(feed)
    for problem in problems:
        click.echo(problem)
    if problems:
        raise AudiopostError(f"{feed}: {len(problems)} problem(s)")
    click.echo(f"{feed}: no problems found")


@main.command("script")
@POST
@click.option("--voice", type=str, default="default", show_default=True, help="Voice profile name or path.")
@click.option("--no-spoken-intro", is_flag=True, help="Leave out the intro/outro templates.")
@click.option("--explain", is_flag=True, help="Also show on stderr the language and voice chosen, and what each "
              "boilerplate rule removed.")
@click.option("--language", type=str, default="", metavar="CODE", help="The post's language [as the post says, "
              "else guessed from its text].")
@click.option("--max-chars", type=click.IntRange(1), default=2_000_000, show_default=True)
@click.option("--entry", type=click.IntRange(1), default=None, help="Feed input: entry N (1 = newest).")
@click.option("--guid", type=str, default=None, help="Feed input: the entry with this guid.")
@click.option("--match", type=str, default=None, help="Feed input: the newest entry whose title has TEXT.")
@_errors
def script_cmd(post: str, voice: str, no_spoken_intro: bool, explain: bool, language: str, max_chars: int,
               entry: int | None, guid: str | None, match: str | None) -> None:
    """Print exactly the text that will be spoken for POST."""
    from audiopost.pipeline import Options, prepare
    from audiopost.sources import Pick

    options = Options(voice=voice, spoken_intro=not no_spoken_intro, max_chars=max_chars,
                      pick=Pick(entry, guid, match), language=language)
    post_, profile, script = prepare(post, options)
    for note in post_.notes:
        click.echo(f"audiopost: {note}", err=True)
    if explain:
        source = post_.language_from if post_.language else "not given, too little text to guess"
        click.echo(f"language: {script.language} ({source}); voice: {profile.engine} "
                   f"{profile.model or profile.voice}", err=True)
        for removal in script.removed:
            why = f" ({removal.evidence})" if removal.evidence else ""
            click.echo(f"removed by {removal.rule}{why}: {removal.text}", err=True)
        for note in script.notes:
            click.echo(f"kept: {note}", err=True)
    click.echo(script.text())


@main.command("inspect")
@click.argument("episode", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--plot", type=click.Path(dir_okay=False, path_type=Path),
              help="Also draw waveform, loudness, true-peak overs and chapters into FILE (.png or .svg).")
@click.option("--force", is_flag=True, help="Replace an existing --plot FILE that audiopost did not make.")
@_errors
def inspect_cmd(episode: Path, as_json: bool, plot: Path | None, force: bool) -> None:
    """Show what a podcast app will see in EPISODE (an MP3): tags, cover, chapters, loudness."""
    from audiopost.inspection import inspect, report

    loudness = None
    if plot is not None:
        from audiopost import plot as plotting

        loudness = plotting.write(episode, plot, force=force)
    info = inspect(episode, loudness)
    if plot is not None:
        info["plot"] = str(plot)
    click.echo(json.dumps(info) if as_json else report(info) + (f"\n  plot: {plot}" if plot is not None else ""))


def _voice_sample(name: str, output: Path | None) -> None:
    import tempfile

    from audiopost.pipeline import Options, narrate, slug

    with tempfile.TemporaryDirectory() as tmp:
        post = Path(tmp) / "sample.txt"
        post.write_text(f"Voice sample\n\n{SAMPLE.format(name=Path(name).stem)}\n", encoding="utf-8")
        if output is None:
            Path("output").mkdir(exist_ok=True)
        target = output or Path("output") / f"voice-{slug(Path(name).stem)}.mp3"
        result = narrate(post, Options(output=target, voice=name, spoken_intro=False), log=_log)
    for side in result.files.values():
        side.unlink(missing_ok=True)  # a sample needs no transcript
    click.echo(f"{result.episode.path}  {result.episode.duration:.1f} s")


@main.command("page")
@click.argument("episode", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--embed", is_flag=True, help="Write only the fragment to paste into a blog post (<stem>.embed.html).")
@click.option("--force", is_flag=True, help="Replace an existing page that audiopost did not make.")
@_errors
def page_cmd(episode: Path, embed: bool, force: bool) -> None:
    """Write EPISODE's page: audio player, chapters and a transcript that follows the voice."""
    from audiopost.page import write_page

    click.echo(write_page(episode, embed=embed, force=force))


@main.command("serve")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path("output"))
@click.option("--host", type=str, default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--log", is_flag=True, help="Log every request on stderr.")
@_errors
def serve_cmd(folder: Path, host: str, port: int, log: bool) -> None:
    """Serve FOLDER (episodes, pages, feed) on localhost with byte ranges, to preview before upload."""
    from audiopost.serve import serve

    serve(folder, host, port, log=log)


TARGET_OPTIONS = _apply(
    click.option("--endpoint-url", type=str, default="", help="S3: the endpoint of an S3-compatible store."),
    click.option("--acl", type=str, default="", help="S3: a canned ACL for every object (public-read)."),
    click.option("--accept-new-host-key", is_flag=True, help="SFTP: trust a host not yet in known_hosts (first "
                 "connection); a changed key is always refused."),
    click.option("--known-hosts", type=click.Path(dir_okay=False, path_type=Path), default=None,
                 help="SFTP: known_hosts file [~/.ssh/known_hosts]."),
    click.option("--identity", type=click.Path(dir_okay=False, path_type=Path), default=None,
                 help="SFTP: private key file [the SSH agent, then ~/.ssh/id_*]."),
    click.option("--verify-url", type=str, default="", metavar="BASE",
                 help="After publishing, fetch the feed and every enclosure under BASE as a podcast app does."),
    click.option("--verify", is_flag=True, help="The same, at the URLs the feed itself states (its atom:link "
                 "self and the enclosures' URLs: the --base-url it was made with)."),
)


@main.command("publish")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--to", "to", type=str, required=True,
              help="Where: s3://BUCKET/PREFIX, sftp://USER@HOST[:PORT]/PATH, a folder, or a name from config.toml.")
@click.option("--dry-run", is_flag=True, help="Print what would be sent, replaced and kept; change nothing.")
@click.option("--prune", is_flag=True, help="Delete files audiopost published earlier that are gone from FOLDER.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object listing every file and its action.")
@TARGET_OPTIONS
@_errors
def publish_cmd(folder: Path, to: str, dry_run: bool, prune: bool, as_json: bool, **target: Any) -> None:
    """Upload FOLDER's episodes and side files, verify them, then replace the feed (last, atomically)."""
    report = _publish(folder, to, dry_run=dry_run, prune=prune, **target)
    if as_json:
        click.echo(json.dumps(report.to_json()))
        return
    if dry_run:
        for a in report.actions:
            click.echo(f"{a.action:<8}{a.name}  {a.size:,} bytes  {a.content_type}".rstrip())
    click.echo(report.summary())


def _publish(folder: Path, to: str, *, dry_run: bool = False, prune: bool = False, verify_url: str = "",
             verify: bool = False, **target: Any) -> Any:
    """Publish FOLDER to a target (and verify it); the library does the work, this only reports."""
    from audiopost import verify as app
    from audiopost.host import Action, Settings, named, open_target, publish

    def show(a: Action, seconds: float) -> None:
        rate = f", {a.size / seconds / 1e6:.1f} MB/s" if seconds > 0 and a.action != "keep" else ""
        done = {"send": "sent", "replace": "replaced", "keep": "kept", "delete": "deleted"}[a.action]
        _log(f"{done} {a.name} ({a.size:,} bytes{rate})")

    spec, settings, configured = named(to, Settings(**target))
    report = publish(folder, open_target(spec, settings), dry_run=dry_run, prune=prune, progress=show)
    base = verify_url or configured
    if (base or verify) and not dry_run:
        feeds = [a for a in report.actions if a.is_feed and a.action != "delete"]
        urls = [app.public_url(app.Enclosure(a.name, 0, ""), base) if base else app.self_url(folder / a.name)
                for a in feeds]
        problems = [p for url in urls for p in app.check(url, base)]
        for problem in problems:
            _log(f"verify: {problem}")
        where = base or ", ".join(urls)
        if problems:
            raise AudiopostError(f"{len(problems)} problem(s) as a podcast app fetches {where}")
        _log(f"verified as a podcast app fetches it: {where}")
    return report


@main.group("cache")
def cache_group() -> None:
    """The cache: synthesized sentences and encoded parts, reused when a post is narrated again."""


@cache_group.command("info")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
def cache_info_cmd(cache_dir: Path | None) -> None:
    """Where the cache is and how much it holds."""
    from audiopost.cache import default_dir, info

    root = cache_dir or default_dir()
    chunks, parts = info(root), info(root, "parts")
    damaged = chunks.damaged + parts.damaged
    click.echo(f"{root}: {chunks.entries} chunks, {chunks.bytes / 1e6:.1f} MB; "
               f"{parts.entries} encoded parts, {parts.bytes / 1e6:.1f} MB"
               + (f"; {damaged} damaged (made again when next needed)" if damaged else ""))


@cache_group.command("clear")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
def cache_clear_cmd(cache_dir: Path | None) -> None:
    """Remove every cached chunk and encoded part."""
    from audiopost.cache import clear, default_dir

    root = cache_dir or default_dir()
    click.echo(f"{root}: removed {clear(root)} chunks")


SAMPLE = ("This is a sample of the {name} voice. On March 3rd, 2025, the ferry carried 1,250 passengers "
          "and $4.5 million in freight. Dr. Okafor said the harbour has never been busier.")


@main.group("voices", invoke_without_command=True)
@click.option("--sample", "sample", type=str, default=None, metavar="NAME",
              help="Narrate a short sample with voice profile NAME.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Where the sample goes [output/voice-NAME.mp3].")
@click.pass_context
@_errors
def voices_cmd(ctx: click.Context, sample: str | None, output: Path | None) -> None:
    """List voice profiles, engines and the voices each engine offers (or narrate a sample).

    `audiopost voices add NAME` installs a Piper voice."""
    if ctx.invoked_subcommand is not None:
        return
    if sample is not None:
        _voice_sample(sample, output)
        return
    click.echo("Profiles:")
    for name, path in profiles.available():
        click.echo(f"  {name:<16} {path}")
    for name, cls in ENGINES.items():
        try:
            names = cls.voices()  # type: ignore[attr-defined]
        except AudiopostError as e:
            click.echo(f"Engine {name}: unavailable ({e})")
            continue
        click.echo(f"Engine {name}: {len(names)} voices")
        click.echo("  " + " ".join(names))
    _list_piper_voices()


def _list_piper_voices() -> None:
    """Installed Piper voices, grouped by language."""
    from audiopost.engines.piper_voices import by_language, installed

    groups = by_language(installed())
    if not groups:
        click.echo("Piper voices: none installed (`audiopost voices add NAME` installs one)")
        return
    click.echo("Piper voices by language:")
    for language, voices in groups.items():
        click.echo(f"  {language}")
        for voice in voices:
            click.echo(f"    {voice.name:<28} {voice.model}")


@voices_cmd.command("add")
@click.argument("name", type=str)
@click.option("--from", "base", type=str, default=None, metavar="URL",
              help="Where the voices are: an http(s):// or file:// URL holding voices.json and the files it lists "
                   "[https://huggingface.co/rhasspy/piper-voices/resolve/main].")
@click.option("--force", is_flag=True, help="Download again, and replace a profile NAME that audiopost did not write.")
@_errors
def voices_add_cmd(name: str, base: str | None, force: bool) -> None:
    """Install Piper voice NAME (like en_US-lessac-medium), checked, with a voice profile of the same name."""
    from audiopost.engines import piper_voices

    result = piper_voices.add(name, base=base or piper_voices.DEFAULT_BASE, force=force,
                              progress=_download_progress())
    if not result.downloaded:
        _log(f"{result.name} is already installed; nothing downloaded (--force downloads it again)")
    click.echo(f"installed {result.name} ({result.language}) → {result.model}")
    if result.profile_written:
        click.echo(f"profile: {result.profile}")
    else:
        click.echo(f"profile: {result.profile} (not written by audiopost, left as it is; --force replaces it)")
    click.echo(f"use it: audiopost narrate POST --voice {result.name}")


def _download_progress() -> Callable[[str, int, int], None]:
    """A one-line counter per file on a terminal; one line per finished file otherwise."""
    tty = sys.stderr.isatty()

    def show(label: str, done: int, total: int) -> None:
        if tty:
            unit, scale = ("MB", 1e6) if total >= 1e6 else ("kB", 1e3)
            click.echo(f"\raudiopost: {label}  {done / scale:.1f}/{total / scale:.1f} {unit}  "
                       f"{100 * done // max(total, 1):3d} %", err=True, nl=done == total)
        elif done == total:
            _log(f"downloaded {label} ({total:,} bytes)")

    return show
