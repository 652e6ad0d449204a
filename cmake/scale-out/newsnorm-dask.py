#!/usr/bin/python3
# newsnorm on a Dask distributed cluster: map shards of a file list to the workers, each running
# `newsnorm ingest --no-stories` on its shard, then reduce with `newsnorm stories --records` here.
# Byte for byte what one `newsnorm ingest` over the same files in path order writes (README,
# "Running over many cores or machines"). Debian's python3-distributed lives in /usr/bin/python3,
# hence the interpreter above rather than whichever python3 comes first on PATH.
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

EPILOG = """\
The workers must see the input files, and the newsnorm binary, at the same paths as this machine
(a shared mount); relative paths are taken from this folder. Folders are listed as newsnorm lists
them: every file, recursively, names starting with '.' left out, in byte order of the path.

Exit status: 0 every file became a record; 1 some files were rejected (their errors are on
standard error; the rest is written); 2 usage error; 3 a shard or the reduce failed, or the output
could not be written; 5 the scheduler could not be reached or has no workers.

Examples:
  dask-scheduler --port 8786 &  dask-worker tcp://HOST:8786 --nworkers 2 --nthreads 1 &
  newsnorm-dask.py --scheduler tcp://HOST:8786 --newsnorm /usr/bin/newsnorm articles/ -o records.jsonl
  find /srv/news -name '*.md' > list.txt
  newsnorm-dask.py -s tcp://HOST:8786 --files-from list.txt --shards 32 --shard-dir /srv/shared/shards \\
      -o records.jsonl --stories stories.jsonl
"""

USAGE, FAILED, UNREACHABLE = 2, 3, 5


def fail(status, message):
    print(f"newsnorm-dask: {message}", file=sys.stderr)
    sys.exit(status)


def parse_arguments():
    parser = argparse.ArgumentParser(
        description="Ingest article files with newsnorm on a Dask cluster, in shards, and give the records "
        "globally consistent storyId and duplicateOf with `newsnorm stories --records`.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to ingest")
    parser.add_argument("-s", "--scheduler", required=True, help="the scheduler's address, e.g. tcp://10.0.0.1:8786")
    parser.add_argument("--newsnorm", default="newsnorm", help="the newsnorm binary (default: newsnorm on PATH)")
    parser.add_argument("--files-from", metavar="FILE", help="also ingest the paths listed in FILE, one per line ('-': stdin)")
    parser.add_argument("-n", "--shards", type=int, default=0, help="number of shards (default: 4 per worker thread)")
    parser.add_argument("-o", "--output", default="-", help="write the records to FILE (default: standard output)")
    parser.add_argument("--stories", metavar="FILE", help="also write one line per story to FILE")
    parser.add_argument("--shard-dir", metavar="DIR", help="a folder the workers and this machine share: workers write "
                        "their shards there (else they send the records back over the network)")
    parser.add_argument("--workers", type=int, default=1, help="wait until this many workers have joined (default 1)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds to wait for the scheduler and the workers (30)")
    args = parser.parse_args()
    if not args.paths and not args.files_from:
        parser.error("give files or folders to ingest, or --files-from FILE")
    if args.shards < 0 or args.workers < 1:
        parser.error("--shards and --workers want positive numbers")
    return args


def list_folder(folder):
    """The files of a folder in the order `newsnorm ingest FOLDER` reads them."""
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(root, d))]
        files += [os.path.join(root, n) for n in names if not n.startswith(".") and os.path.isfile(os.path.join(root, n))]
    return sorted(files, key=os.fsencode)  # bytes, as newsnorm sorts


def input_files(args):
    files = []
    for path in args.paths:
        files += list_folder(path) if os.path.isdir(path) else [path]
    if args.files_from:
        try:
            stream = sys.stdin if args.files_from == "-" else open(args.files_from, encoding="utf-8", errors="surrogateescape")
            files += [line.rstrip("\r\n") for line in stream if line.strip("\r\n")]
        except OSError as error:
            fail(USAGE, f"cannot read the list of files {args.files_from}: {error.strerror}")
    return files


def ingest_shard(newsnorm, cwd, files, output):
    """Runs on a worker: one `newsnorm ingest` over one shard. Returns (status, stderr, records,
    worker); records are None when they were written to `output` (a shared folder) instead."""
    from distributed import get_worker
    worker = get_worker().address
    command = [newsnorm, "ingest", "-q", "--no-stories", "-j1", "-0", "--files-from", "-"]
    if output:
        command += ["-o", output]
    try:
        done = subprocess.run(command, cwd=cwd, input=b"".join(os.fsencode(f) + b"\0" for f in files),
                              capture_output=True)
    except OSError as error:  # no such binary or folder on this worker
        return FAILED, f"cannot run {newsnorm} in {cwd} on {worker}: {error.strerror}\n".encode(), None, worker
    return done.returncode, done.stderr, None if output else done.stdout, worker


def main():
    args = parse_arguments()
    newsnorm = find_newsnorm(args.newsnorm)
    files = input_files(args)
    if not files:
        fail(USAGE, "no files to ingest: the folders are empty or the list has no paths")

    try:
        from distributed import Client
    except ImportError:
        fail(USAGE, "the Python module distributed is missing: apt-get install python3-distributed "
             "(and run this script with /usr/bin/python3)")
    try:
        client = Client(args.scheduler, timeout=args.timeout)
        client.wait_for_workers(args.workers, timeout=args.timeout)
    except (OSError, TimeoutError) as error:
        fail(UNREACHABLE, f"no scheduler with {args.workers} worker(s) at {args.scheduler} within {args.timeout:g} s "
             f"({error!r}): start `dask-scheduler` and `dask-worker ADDRESS`, or check the address and --timeout")

    with client, tempfile.TemporaryDirectory(prefix="newsnorm-dask-") as work:
        shard_dir = os.path.abspath(args.shard_dir) if args.shard_dir else work
        os.makedirs(shard_dir, exist_ok=True)
        if args.shard_dir and any(name.endswith(".jsonl") for name in os.listdir(shard_dir)):
            fail(USAGE, f"--shard-dir {args.shard_dir} already holds .jsonl files: give a new or empty folder")
        # Contiguous slices of the list; any split gives the same result, this one keeps paths of
        # one folder together. 4 shards per worker thread keep the workers busy to the end.
        count = args.shards or 4 * sum(client.nthreads().values())
        size = -(-len(files) // count)
        slices = [files[i:i + size] for i in range(0, len(files), size)]
        names = [os.path.join(shard_dir, f"shard-{n:05}.jsonl") for n in range(len(slices))]
        futures = [client.submit(ingest_shard, newsnorm, os.getcwd(), part, name if args.shard_dir else None,
                                 key=f"newsnorm-ingest-{n}-{os.getpid()}", pure=False)
                   for n, (part, name) in enumerate(zip(slices, names))]

        rejected, workers = False, set()
        for n, (future, name) in enumerate(zip(futures, names)):
            try:
                status, messages, records, worker = future.result()
            except Exception as error:  # the task itself failed: a worker died on it, or the cluster went away
                fail(FAILED, f"shard {n} ({len(slices[n])} files from {slices[n][0]}) failed on the cluster: {error!r}")
            sys.stderr.buffer.write(messages)
            sys.stderr.flush()
            if status > 1:
                fail(FAILED, f"shard {n} ({len(slices[n])} files from {slices[n][0]}) failed with exit status "
                     f"{status}: see the message above")
            rejected |= status == 1
            workers.add(worker)
            if records is not None:
                with open(name, "wb") as shard:
                    shard.write(records)

        # A worker on another host writes into its own folder of that name unless it is shared.
        missing = [name for name in names if not os.path.exists(name)]
        if missing:
            fail(FAILED, f"{len(missing)} shard files are not in {shard_dir} (first {missing[0]}): the workers wrote "
                 "them elsewhere; give --shard-dir a folder they share with this machine, or leave it out")
        # The reduce: stories over every shard, in whichever order (the output does not depend on it).
        for extra, output in (["--records"], args.output), ([], args.stories):
            if not output:
                continue
            status = subprocess.run([newsnorm, "stories", "-q", *extra, shard_dir, "-o", output]).returncode
            if status:
                fail(FAILED, f"newsnorm stories {' '.join(extra)} failed with exit status {status} writing {output}: "
                     "see the message above")
        kept = f", kept in {shard_dir}" if args.shard_dir else ""
        print(f"newsnorm-dask: {len(files)} files in {len(slices)} shards on {len(workers)} workers{kept}", file=sys.stderr)
    return 1 if rejected else 0


def find_newsnorm(program):
    found = shutil.which(program)
    if not found:
        fail(USAGE, f"cannot run '{program}': give --newsnorm BIN (the same path on every worker)")
    return os.path.abspath(found)


if __name__ == "__main__":
    sys.exit(main())
