"""A whole blog in one command: every entry of a feed (or every post in a folder) becomes an episode.

Posts run in parallel, in local worker processes or on a Dask cluster; one failure is reported and the
rest go on. Unchanged episodes are "up to date" and cost a second each, so running it from cron keeps a
companion podcast feed in sync with the blog. The feed is updated in this process, one episode at a time.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from audiopost.errors import AudiopostError, NothingToSay
from audiopost.pipeline import Options, Result, narrate, slug, summary
from audiopost.sources import Pick, read_post
from audiopost.sources.feed import entries
from audiopost.sources.fetch import fetch, is_url

POST_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")


@dataclass(frozen=True)
class Job:
    source: str
    """A post file, or the feed (path or URL) that ``pick`` selects from."""
    pick: Pick
    output: Path
    title: str
    date: str = ""


@dataclass(frozen=True)
class Outcome:
    job: Job
    status: str
    """made | up to date | skipped (nothing to say: ``error`` says why) | failed"""
    result: Result | None = None
    error: str = ""


def jobs(source: str, out_dir: Path, *, since: str = "", limit: int | None = None,
         max_chars: int = 2_000_000) -> list[Job]:
    """The episodes SOURCE (a feed or a folder of posts) asks for, newest first for feeds."""
    if Path(source).is_dir():
        found = [_post_job(path, out_dir, max_chars) for path in sorted(Path(source).iterdir())
                 if path.suffix.lower() in POST_SUFFIXES and path.is_file()]
    else:
        data = fetch(source, max_chars * 4) if is_url(source) else _read(source)
        listed = entries(data, base_url=source if is_url(source) else "")
        found = [Job(source, Pick(guid=e.guid) if e.guid else Pick(entry=i),
                     out_dir / f"{_entry_name(e.link, e.title)}.mp3", e.title, e.date)
                 for i, e in enumerate(listed, 1)]
    if since:
        found = [j for j in found if j.date[:10] >= since[:10]]
    names = [j.output for j in found]
    if len(set(names)) != len(names):  # two posts with one slug: keep both, numbered
        seen: dict[Path, int] = {}
        found = [dataclasses.replace(j, output=_numbered(j.output, seen)) for j in found]
    return found[:limit] if limit else found


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise AudiopostError(f"cannot read {path}: {e.strerror or e}") from None


def _post_job(path: Path, out_dir: Path, max_chars: int) -> Job:
    try:
        post = read_post(path, max_chars=max_chars)
        title, date = post.title, post.date
    except AudiopostError:
        title, date = path.stem, ""  # narrating it will report the error
    return Job(str(path), Pick(), out_dir / f"{slug(path.stem)}.mp3", title, date)


def _entry_name(link: str, title: str) -> str:
    """A stable file name: the last segment of the post's link (what bloggers keep), else the title."""
    segment = [p for p in urlsplit(link).path.split("/") if p]
    stem = re.sub(r"\.(html?|php|aspx?)$", "", segment[-1]) if segment else ""
    return slug(stem) if stem and not stem.isdigit() else slug(title)


def _numbered(path: Path, seen: dict[Path, int]) -> Path:
    seen[path] = seen.get(path, 0) + 1
    return path if seen[path] == 1 else path.with_name(f"{path.stem}-{seen[path]}{path.suffix}")


def run_job(job: Job, options: Options) -> Outcome:
    """Narrate one job (in a worker process or on a Dask worker); errors become a failed outcome."""
    try:
        result = narrate(job.source, dataclasses.replace(options, output=job.output, pick=job.pick, feed=None))
    except NothingToSay as e:  # a title-only entry, say: nothing went wrong, there is just nothing to read
        return Outcome(job, "skipped", error=str(e))
    except AudiopostError as e:
        return Outcome(job, "failed", error=str(e))
    except Exception as e:  # a bug must not stop the other posts; it is reported with its type
        return Outcome(job, "failed", error=f"{type(e).__name__}: {e}")
    return Outcome(job, "up to date" if result.up_to_date else "made", result)


def run(todo: list[Job], options: Options, *, workers: int = 1, executor: str = "local", scheduler: str = "",
        on_done: Callable[[Outcome], None] = lambda _: None) -> list[Outcome]:
    """Run every job; publish each finished episode to ``options.feed``; outcomes in job order.

    The output folders are made (with their parents): a batch's folder is one the user asks it to fill.
    """
    for folder in sorted({job.output.parent for job in todo}):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise AudiopostError(f"cannot make output folder {folder}: {e.strerror or e}") from None
    per_post = dataclasses.replace(options, workers=options.workers or max(1, (os.cpu_count() or 1) // workers),
                                   progress=None)
    outcomes: dict[int, Outcome] = {}
    for i, outcome in _execute(todo, per_post, workers, executor, scheduler):
        if outcome.result is not None and options.feed is not None:
            outcome = _publish(outcome, options)
        outcomes[i] = outcome
        on_done(outcome)
    return [outcomes[i] for i in range(len(todo))]


def _publish(outcome: Outcome, options: Options) -> Outcome:
    from audiopost.publish import publish

    result = outcome.result
    assert result is not None and options.feed is not None
    try:
        publish(options.feed, options.base_url, options.channel, result.post, result.episode,
                summary(result.script, 4000), transcript=result.files["vtt"], chapters=result.files.get("chapters"))
    except AudiopostError as e:
        return dataclasses.replace(outcome, status="failed", error=f"feed: {e}")
    return outcome


def _execute(todo: list[Job], options: Options, workers: int, executor: str,
             scheduler: str) -> Iterator[tuple[int, Outcome]]:
    if executor == "dask":
        yield from _dask(todo, options, workers, scheduler)
        return
    if executor != "local":
        raise AudiopostError(f"unknown executor {executor!r} (local or dask)")
    if workers <= 1:
        for i, job in enumerate(todo):
            yield i, run_job(job, options)
        return
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        futures = {pool.submit(run_job, job, options): i for i, job in enumerate(todo)}
        for future in as_completed(futures):
            yield futures[future], future.result()


def _dask(todo: list[Job], options: Options, workers: int, scheduler: str) -> Iterator[tuple[int, Outcome]]:
    """The same jobs on a Dask distributed cluster: ``scheduler`` (tcp://host:8786), else a local one."""
    try:
        from distributed import Client, LocalCluster
        from distributed import as_completed as dask_completed
    except ImportError:
        raise AudiopostError("--executor dask needs Dask: pip install 'audiopost[dask]'") from None
    cluster = None
    if scheduler:
        client = Client(scheduler, timeout="30s")
    else:
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(run_job, todo, options=options, pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        for future in dask_completed(futures):
            yield index[future.key], future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
