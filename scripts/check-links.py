#!/usr/bin/env python3
"""Check the relative links of the project's Markdown files.

Every `[text](target)` and `[text](target#anchor)` whose target is not a URL must name a file
or folder that exists, and its anchor a heading of the target file (GitHub's rule: lower case,
punctuation other than `-` and `_` removed, spaces to `-`; a repeated heading gets `-1`, `-2` …).
Code blocks and inline code are skipped. Exit 0 when every link resolves, 1 otherwise.

    python3 scripts/check-links.py [FILE.md ...]   (default: every tracked .md file)
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINK = re.compile(r"(?<!!)\[(?:[^\[\]]|\[[^\]]*\])*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def strip_code(text):
    """The text without fenced code blocks and inline code spans (kept as blank lines)."""
    out, fence = [], None
    for line in text.split("\n"):
        m = re.match(r"^\s*(```+|~~~+)", line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            out.append("")
            continue
        if m:
            fence = m.group(1)
            out.append("")
            continue
        out.append(re.sub(r"(`+)(?:(?!\1).)+?\1", "", line))
    return out


def slug(heading):
    h = re.sub(r"<[^>]+>", "", heading.strip()).lower()
    h = re.sub(r"[^\w\- ]", "", h)  # keeps letters, digits (Unicode), _, -, space
    return h.replace(" ", "-")


def anchors(path, cache={}):
    if path not in cache:
        seen, result = {}, set()
        fence = None
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"^\s*(```+|~~~+)", line)
                if fence:
                    if m and m.group(1)[0] == fence[0]:
                        fence = None
                    continue
                if m:
                    fence = m.group(1)
                    continue
                h = re.match(r"^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
                if h:
                    s = slug(h.group(1))
                    n = seen.get(s, 0)
                    result.add(s if n == 0 else f"{s}-{n}")
                    seen[s] = n + 1
                for a in re.findall(r"<a\s+(?:name|id)=\"([^\"]+)\"", line):
                    result.add(a)
        cache[path] = result
    return cache[path]


def main(argv):
    if argv:
        files = argv
    else:
        try:
            listed = subprocess.run(["git", "ls-files", "*.md"], cwd=ROOT, capture_output=True,
                                    text=True, check=True).stdout.split()
        except (OSError, subprocess.CalledProcessError):  # not a git checkout: walk the tree
            skip = {".git", "target", "node_modules", "pkg"}
            listed = [os.path.relpath(os.path.join(d, f), ROOT)
                      for d, dirs, names in os.walk(ROOT)
                      if not dirs.__setitem__(slice(None), [x for x in dirs if x not in skip])
                      for f in names if f.endswith(".md")]
        files = [os.path.join(ROOT, f) for f in sorted(listed)]
    bad, count = [], 0
    for md in files:
        if not os.path.exists(md):
            continue
        with open(md, encoding="utf-8") as f:
            lines = strip_code(f.read())
        for no, line in enumerate(lines, 1):
            for target in LINK.findall(line):
                if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("//"):
                    continue  # http:, https:, mailto: …
                count += 1
                path, _, anchor = target.partition("#")
                dest = os.path.normpath(os.path.join(os.path.dirname(md), path)) if path else md
                where = f"{os.path.relpath(md, ROOT)}:{no}: ({target})"
                if not os.path.exists(dest):
                    bad.append(f"{where} no such file")
                elif anchor and dest.endswith(".md") and anchor not in anchors(dest):
                    bad.append(f"{where} no heading #{anchor} in {os.path.relpath(dest, ROOT)}")
    for b in bad:
        print(b)
    print(f"[check-links] {count} relative link(s) in {len(files)} file(s), {len(bad)} broken")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
