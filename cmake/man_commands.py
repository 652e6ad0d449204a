#!/usr/bin/env python3
"""Turns each subcommand's --help (CLI11's layout) into roff sections for help2man's --include, so
the man page lists every command's options, not only the top level's.

usage: man_commands.py BINARY OUTPUT COMMAND...
"""
import re
import subprocess
import sys

binary, output, commands = sys.argv[1], sys.argv[2], sys.argv[3:]


def roff(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    # A line starting with '[' would open a section in help2man's include file ([limits] in an example).
    return "\\&" + text if text.startswith((".", "'", "[")) else text


out = []
for command in commands:
    help_text = subprocess.run([binary, command, "--help"], check=True, capture_output=True, text=True).stdout
    help_text = help_text.replace(binary, "newsnorm")
    lines = help_text.rstrip("\n").split("\n")
    out.append(f"[NEWSNORM {command.upper()}]")
    out.append(roff(lines[0]))  # the one-line description
    i = 1
    in_examples = False
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip():
            if not in_examples and out[-1] != ".PP":
                out.append(".PP")
            continue
        if line.startswith("Usage: "):
            out.append(".PP\n.B " + roff(line[len("Usage: "):]))
            continue
        if re.fullmatch(r"[A-Z][^:]*:", line):  # a heading: "Options:", "Limits on hostile input:"
            if in_examples:
                out.append(".fi")
            # "Examples:", "Example:", "Example newsnorm.toml:": kept line for line.
            in_examples = line.startswith("Example")
            out.append(f".SS {roff(line[:-1])}")
            if in_examples:
                out.append(".nf")
            continue
        if in_examples:
            out.append(roff(line.strip()))
            continue
        option = re.match(r"  (\S.*?)(?:\s{2,}(\S.*))?$", line)
        if option and line.startswith("  ") and not line.startswith("   "):
            out.append(".TP\n.B " + roff(option.group(1)))
            description = option.group(2)
            while description is None and i < len(lines) and lines[i].startswith("      "):
                description = lines[i].strip()
                i += 1
            out.append(roff(description or ""))
            continue
        out.append(roff(line.strip()))
    if in_examples:
        out.append(".fi")
    out.append("")

with open(output, "w", encoding="utf-8") as f:
    f.write("\n".join(out))
