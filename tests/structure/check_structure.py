#!/usr/bin/env python3
"""Structural limits of the source tree, checked by ctest (tests/structure/CMakeLists.txt).

Fails, naming file and line, when
  - a file under src/ is over 1,000 lines                              (kind: file-length)
  - a function in src/ or tests/ (*.cpp, *.h) is over 150 lines         (kind: the function's name)
  - an output-escaping copy appears outside core: a line of src/ other
    than src/core/ containing the literal "&amp;"                       (kind: escape)
  - an adapter names a lower layer: `store::`, `search::` or `bundle::` in
    src/server/ or src/cli/ (the service speaks its own types)         (kind: layering)
  - a user role is compared outside the access policy: `Role::` next to
    `==`/`!=`, or `.role ==`/`.role !=` on a Viewer, in src/ other than
    src/service/policy.cpp (person roles, core::PersonRole, are not
    user roles and are not checked; a line that compares a role for
    display only says so with the comment "structure: not an access
    decision")                                                          (kind: role)

A function is found by brace matching after string and character literals and comments are
stripped: a brace block whose opening line is not a namespace, class, struct, enum or extern
block, and which is not inside another such function block. Its length counts the lines from
the line of its opening brace to the line of its closing brace.

Known violations that other work is removing are listed in pending.txt (one per line:
"<path> <kind>", '#' starts a comment). They are reported as "pending" and do not fail the
check; an entry that no longer violates fails it, so the list only shrinks.

Usage: check_structure.py [--root DIR] [--pending FILE]
       check_structure.py --selftest
"""

import argparse
import os
import re
import sys
import tempfile

MAX_FILE_LINES = 1000
MAX_FUNCTION_LINES = 150
SCANNED_DIRS = ("src", "tests")
SKIPPED_DIRS = {"node_modules", "third_party", "thirdparty", "vendor", "external", "build"}
SOURCE_SUFFIXES = (".cpp", ".h")
NON_FUNCTION_BLOCK = re.compile(r"\b(namespace|class|struct|enum|extern|union)\b")
RAW_STRING = re.compile(r'(?:u8|u|U|L)?R"')
NOT_ACCESS = "structure: not an access decision"  # a comment that exempts one line (say why)
LOWER_LAYER = re.compile(r"\b(store|search|bundle)::")
ROLE_COMPARISON = re.compile(r"(?:[=!]=\s*(?:service::)?Role::\w+|(?:service::)?Role::\w+\s*[=!]=|\.role\s*[=!]=|[=!]=\s*\w+\.role\b)")
NAME_BEFORE_PAREN = re.compile(r"([A-Za-z_~][A-Za-z_0-9]*(?:\s*::\s*~?[A-Za-z_][A-Za-z_0-9]*)*)\s*$")


def strip_code(text):
    """The text with comments and string/char literals blanked (newlines kept, so line numbers
    stay right)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif RAW_STRING.match(text, i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            open_quote = text.find('"', i)
            paren = text.find("(", open_quote)
            delim = text[open_quote + 1:paren]
            close = text.find(")" + delim + '"', paren)
            j = n if close < 0 else close + len(delim) + 2
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j
        elif c == '"' or (c == "'" and not (i > 0 and text[i - 1].isalnum())) or \
                (c == "'" and text[i - 1] in "uUL" and (i < 2 or not text[i - 2].isalnum())):
            # A character literal: its quote follows no letter or digit (1'000 is a digit
            # separator), except a lone u, U or L prefix.
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(c + c)
            i = j + 1 if j < n and text[j] == c else j  # an unterminated literal keeps its newline
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(text):
    """(name, first_line, last_line) of each function block in C++ source `text`."""
    code = strip_code(text)
    found = []
    stack = []  # per open brace: "function", "scope" (namespace/class/...), "inner"
    segment_start = 0  # where the text leading up to the next brace begins
    line = 1
    for i, c in enumerate(code):
        if c == "\n":
            line += 1
        elif c == "{":
            head = code[segment_start:i]
            if "function" in stack:
                stack.append("inner")
            else:
                line_start = code.rfind("\n", 0, i) + 1
                opening_line = code[line_start:i]
                if NON_FUNCTION_BLOCK.search(opening_line) or NON_FUNCTION_BLOCK.search(head.split("(")[0]):
                    stack.append("scope")
                else:
                    stack.append("function")
                    found.append([function_name(head), line, None])
            segment_start = i + 1
        elif c == "}":
            if stack:
                kind = stack.pop()
                if kind == "function" and "function" not in stack:
                    for entry in reversed(found):
                        if entry[2] is None:
                            entry[2] = line
                            break
            segment_start = i + 1
        elif c == ";":
            segment_start = i + 1
    return [(name, first, last) for name, first, last in found if last is not None]


def function_name(head):
    """The (qualified) name before the parameter list of a function head, or "<block>"."""
    depth = 0
    for k in range(len(head) - 1, -1, -1):
        ch = head[k]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth -= 1
            if depth == 0:
                m = NAME_BEFORE_PAREN.search(head[:k])
                if m:
                    name = re.sub(r"\s+", "", m.group(1))
                    if name not in ("if", "for", "while", "switch", "catch", "return"):
                        return name
    m = NAME_BEFORE_PAREN.search(head.strip().split("=")[0].strip())
    return m.group(1) if m else "<block>"


def source_files(root):
    for top in SCANNED_DIRS:
        base = os.path.join(root, top)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS and not d.startswith("."))
            for f in sorted(filenames):
                if f.endswith(SOURCE_SUFFIXES):
                    yield os.path.relpath(os.path.join(dirpath, f), root).replace(os.sep, "/")


def violations(root):
    """[(path, line, kind, message)] for the tree at `root`."""
    out = []
    for rel in source_files(root):
        with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
            text = f.read()
        lines = text.split("\n")
        count = len(lines) - 1 if text.endswith("\n") else len(lines)
        in_src = rel.startswith("src/")
        if in_src and count > MAX_FILE_LINES:
            out.append((rel, count, "file-length", f"file is {count} lines (limit {MAX_FILE_LINES})"))
        for name, first, last in functions(text):
            length = last - first + 1
            if length > MAX_FUNCTION_LINES:
                out.append((rel, first, name, f"function {name} is {length} lines (limit {MAX_FUNCTION_LINES})"))
        if in_src and not rel.startswith("src/core/"):
            for number, text_line in enumerate(lines, 1):
                if '"&amp;"' in text_line:
                    out.append((rel, number, "escape",
                                "an escaping copy (\"&amp;\"): call core::escape_html / core::escape_xml"))
        if rel.startswith(("src/server/", "src/cli/")):
            for number, code_line in enumerate(strip_code(text).split("\n"), 1):
                if LOWER_LAYER.search(code_line):
                    out.append((rel, number, "layering",
                                "an adapter (server, CLI) names store::, search:: or bundle::: use the service's types"))
        if in_src and rel not in ("src/service/policy.cpp", "src/service/policy.h"):
            raw_lines = text.split("\n")
            for number, code_line in enumerate(strip_code(text).split("\n"), 1):
                marked = number <= len(raw_lines) and NOT_ACCESS in raw_lines[number - 1]
                if ROLE_COMPARISON.search(code_line) and "PersonRole" not in code_line and not marked:
                    out.append((rel, number, "role",
                                "a user role compared outside the access policy: ask service::policy()"))
    return out


def read_pending(path):
    entries = []
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for number, raw in enumerate(f, 1):
                text = raw.split("#", 1)[0].strip()
                if text:
                    parts = text.split()
                    if len(parts) != 2:
                        raise SystemExit(f"{path}:{number}: expected '<path> <function|file-length|escape>'")
                    entries.append((parts[0], parts[1], number))
    return entries


def check(root, pending_path, out=sys.stdout):
    """Prints the report; returns the number of failures."""
    found = violations(root)
    pending = read_pending(pending_path)
    pending_keys = {(p, k) for p, k, _ in pending}
    failures = 0
    pending_count = 0
    for path, line, kind, message in found:
        if (path, kind) in pending_keys:
            print(f"pending: {path}:{line}: {message}", file=out)
            pending_count += 1
        else:
            print(f"{path}:{line}: error: {message}", file=out)
            failures += 1
    found_keys = {(path, kind) for path, _, kind, _ in found}
    for path, kind, number in pending:
        if (path, kind) not in found_keys:
            print(f"{pending_path}:{number}: error: '{path} {kind}' no longer violates; remove it from the list",
                  file=out)
            failures += 1
    print(f"structure: {failures} failure(s), {pending_count} pending", file=out)
    return failures


def selftest():
    """Builds small trees and checks that the check fails and passes where it should."""
    import io

    def body(n):  # a function whose block spans exactly n lines
        return "int f() {\n" + "  int x = 0;\n" * (n - 2) + "}\n"

    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        def tree(name, files, pending=None):
            root = os.path.join(tmp, name)
            for rel, text in files.items():
                path = os.path.join(root, rel)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
            pending_path = None
            if pending is not None:
                pending_path = os.path.join(root, "pending.txt")
                with open(pending_path, "w", encoding="utf-8") as f:
                    f.write(pending)
            report = io.StringIO()
            return check(root, pending_path, report), report.getvalue()

        tricky = ('namespace a {\nstruct S {\n  void g() {\n    const char* s = "{{{";\n    char c = \'{\';\n'
                  '    // } a comment brace\n    auto r = R"x(})x";\n  }\n};\n}  // namespace a\n')
        cases += [
            ("150-line function passes", tree("ok", {"src/a.cpp": body(150)}), 0, None),
            ("151-line function fails", tree("long", {"src/a.cpp": body(151)}), 1, "src/a.cpp:1: error: function f is 151"),
            ("151-line function in tests/ fails", tree("tlong", {"tests/a.cpp": body(151)}), 1, "function f"),
            ("node_modules skipped", tree("nm", {"tests/browser/node_modules/x.h": body(400)}), 0, None),
            ("braces in literals and comments ignored", tree("lit", {"src/a.h": tricky}), 0, None),
            ("1001-line file fails", tree("file", {"src/a.cpp": "\n" * 1001}), 1, "file is 1001 lines"),
            ("escaping copy fails", tree("esc", {"src/x/a.cpp": 'auto s = "&amp;";\n'}), 1, "escape"),
            ("escaping in core passes", tree("core", {"src/core/a.cpp": 'auto s = "&amp;";\n'}), 0, None),
            ("server naming the store fails", tree("lay", {"src/server/a.cpp": "store::Store* s;\n"}), 1, "names store::"),
            ("server naming the service passes", tree("lay2", {"src/server/a.cpp": "service::Service* s;\n"}), 0, None),
            ("role compared outside the policy fails",
             tree("role", {"src/service/a.cpp": "bool f(const Viewer& v) { return v.role == Role::trainer; }\n"}), 1, "role"),
            ("role compared in the policy passes",
             tree("role2", {"src/service/policy.cpp": "bool f(const Viewer& v) { return v.role == Role::trainer; }\n"}), 0, None),
            ("a comparison for display says so",
             tree("role4", {"src/server/a.cpp": "if (r == u.role) sel = true;  // structure: not an access decision\n"}), 0, None),
            ("person roles are not user roles",
             tree("role3", {"src/service/a.cpp": "bool f(const Person& p) { return p.role == core::PersonRole::saksi; }\n"}), 0, None),
            ("pending entry is reported, not failed",
             tree("pend", {"src/a.cpp": body(151)}, "src/a.cpp f\n"), 0, "pending: src/a.cpp:1"),
            ("stale pending entry fails", tree("stale", {"src/a.cpp": body(10)}, "src/a.cpp f\n"), 1, "no longer violates"),
        ]
    bad = 0
    for name, (failures, report), want, needle in cases:
        ok = failures == want and (needle is None or needle in report)
        print(("ok:   " if ok else "FAIL: ") + name)
        if not ok:
            print(report)
            bad += 1
    print(f"selftest: {bad} of {len(cases)} cases failed")
    return bad


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", default=os.path.normpath(os.path.join(here, "..", "..")))
    parser.add_argument("--pending", default=os.path.join(here, "pending.txt"))
    parser.add_argument("--selftest", action="store_true")
    args = parser.parse_args()
    if args.selftest:
        return 1 if selftest() else 0
    return 1 if check(args.root, args.pending) else 0


if __name__ == "__main__":
    sys.exit(main())
