#!/usr/bin/env python3
"""Checks that every include follows the stage graph the build declares (cmake/NewsnormStages.cmake).

usage: check_layering.py STAGES.txt SOURCE_ROOT

STAGES.txt has one line per stage: its name, the stages its public headers use (comma-separated),
the stages only its sources use. The rules:
- every folder of src/ and include/newsnorm/ is a declared stage, and every stage has src/NAME/;
- the graph has no cycle and names only declared stages;
- a public header (include/newsnorm/S/...) includes only its own stage's headers and those of the
  stages S uses publicly (and what they use publicly in turn), never a private header;
- a source (src/S/...) also may include the stages S uses privately, and private headers of its own
  folder (relative includes, never through `..`);
- tests/ include public headers only.
Prints one line per broken rule, `path:line: message`, and exits 1 when there is any.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def read_graph(path):
    public, private = {}, {}
    for line in open(path, encoding="utf-8"):
        fields = line.rstrip("\n").split(" ")
        if not fields or not fields[0]:
            continue
        fields += [""] * (3 - len(fields))
        name = fields[0]
        public[name] = [s for s in fields[1].split(",") if s]
        private[name] = [s for s in fields[2].split(",") if s]
    return public, private


def closure(start, public):
    """The stages reachable from `start` through public edges."""
    seen, todo = set(), list(start)
    while todo:
        stage = todo.pop()
        if stage in seen:
            continue
        seen.add(stage)
        todo.extend(public.get(stage, []))
    return seen


def find_cycle(public, private):
    edges = {s: public[s] + private[s] for s in public}
    state = {}

    def visit(stage, trail):
        state[stage] = "open"
        for below in edges.get(stage, []):
            if state.get(below) == "open":
                return trail + [stage, below]
            if below not in state:
                found = visit(below, trail + [stage])
                if found:
                    return found
        state[stage] = "done"
        return None

    for stage in edges:
        if stage not in state:
            found = visit(stage, [])
            if found:
                return found
    return None


def files_under(folder):
    for base, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            if name.endswith((".cpp", ".hpp", ".h")):
                yield os.path.join(base, name)


def includes(path):
    with open(path, encoding="utf-8", errors="replace") as text:
        for number, line in enumerate(text, 1):
            match = INCLUDE.match(line)
            if match:
                yield number, match.group(1), match.group(2)


def check(graph_path, root):
    public, private = read_graph(graph_path)
    problems = []
    stages = set(public)
    for stage in sorted(stages):
        for used in public[stage] + private[stage]:
            if used not in stages:
                problems.append(f"{graph_path}:1: stage {stage} uses {used}, which is not a stage")
        if not os.path.isdir(os.path.join(root, "src", stage)):
            problems.append(f"{graph_path}:1: stage {stage} has no folder src/{stage}/")
    cycle = find_cycle(public, private)
    if cycle:
        problems.append(f"{graph_path}:1: the stages form a cycle: {' -> '.join(cycle)}")
    for top in ("src", os.path.join("include", "newsnorm")):
        folder = os.path.join(root, top)
        for name in sorted(os.listdir(folder)):
            if os.path.isdir(os.path.join(folder, name)) and name not in stages:
                problems.append(f"{top}/{name}/: a folder that is no stage of the build (cmake/NewsnormStages.cmake)")

    def check_file(path, stage, is_header):
        rel = os.path.relpath(path, root)
        allowed = closure([stage] + public.get(stage, []), public)
        if not is_header:
            allowed |= closure(private.get(stage, []), public)
        for number, bracket, target in includes(path):
            where = f"{rel}:{number}"
            if target.startswith("newsnorm/"):
                parts = target.split("/")
                if len(parts) < 3 or not os.path.isfile(os.path.join(root, "include", target)):
                    problems.append(f"{where}: includes {target}, which is no public header")
                    continue
                used = parts[1]
                if stage is None:
                    continue  # tests may use every stage's public headers
                if used not in allowed:
                    how = "its public headers" if is_header else "it"
                    problems.append(
                        f"{where}: stage {stage} includes {target}, but {how} may only use "
                        f"{', '.join(sorted(allowed))}: link the stage (cmake/NewsnormStages.cmake) if it is below, "
                        f"or move the code")
                continue
            if bracket == "<":
                continue  # the system's and third-party libraries' headers
            if is_header and stage is not None:
                problems.append(f"{where}: a public header includes the private header {target}")
                continue
            resolved = os.path.normpath(os.path.join(os.path.dirname(path), target))
            if ".." in target.split("/"):
                problems.append(f"{where}: includes {target} through '..': another folder's private header")
            elif not os.path.isfile(resolved):
                problems.append(f"{where}: includes {target}, which is not beside it")
            elif stage is not None and not resolved.startswith(os.path.join(root, "src", stage) + os.sep):
                problems.append(f"{where}: includes {target}, a private header of another stage")

    for stage in sorted(stages):
        for path in files_under(os.path.join(root, "src", stage)):
            check_file(path, stage, False)
        for path in files_under(os.path.join(root, "include", "newsnorm", stage)):
            check_file(path, stage, True)
    for path in files_under(os.path.join(root, "tests")):
        if "/fixtures/" in path:
            continue
        for number, bracket, target in includes(path):
            if bracket == '"' and target.startswith("newsnorm/"):
                if not os.path.isfile(os.path.join(root, "include", target)):
                    problems.append(f"{os.path.relpath(path, root)}:{number}: includes {target}, which is no public header")
            elif bracket == '"' and ("src/" in target or ".." in target.split("/")):
                problems.append(f"{os.path.relpath(path, root)}:{number}: a test includes the private header {target}")
    return problems


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    problems = check(sys.argv[1], os.path.abspath(sys.argv[2]))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"check_layering: {len(problems)} include(s) break the stage graph", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
