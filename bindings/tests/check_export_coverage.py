#!/usr/bin/env python3
"""Export-coverage check: every function, method and constructor that the bindings export, in
every uniffi namespace the library holds (`veiviser_ffi`, the façade, and `veiviser_core`, the
core's derived records and enums), must be called by BOTH binding suites (Python and Kotlin).
Exits 1 listing what is uncalled.

The list of exports comes from the uniffi metadata as rendered into the generated bindings:
each exported item has an API checksum function `uniffi_<namespace>_checksum_<kind>_<...>`,
with kind `func`, `method` or `constructor`; each namespace's file has a contract-version
function `ffi_<namespace>_uniffi_contract_version`. The Python, Kotlin and Swift bindings must
hold the same namespaces (and every one named with --namespaces) and list the same exports,
and no app-facing name may be declared by two namespaces (a façade mirror of a core type).

A suite "calls" an export when its source, with comments and string literals removed, contains:
  - a function:    `name(`  (Kotlin: `camelName(`), not as a definition;
  - a method:      `.name(` (Kotlin: `.camelName(`);
  - a constructor: `Class(` for the primary constructor `new`, else `Class.name(` / `Class.camelName(`.
Methods of foreign-implemented traits and callback interfaces (the app implements them, Rust
calls them) count when the suite implements them: `def name(self` / `override fun camelName(`.

Usage:
  check_export_coverage.py --py-bindings DIR_OR_FILE... --kt-bindings DIR_OR_FILE... \
      [--swift-bindings DIR_OR_FILE...] [--namespaces NS...] \
      --py-suite DIR_OR_FILE... --kt-suite DIR_OR_FILE... [--self-test]
A folder stands for every generated file in it (all namespaces). --self-test additionally
proves the check fails when one call is removed from each suite.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tokenize
from dataclasses import dataclass
from pathlib import Path

CHECKSUM = re.compile(r"\buniffi_(\w+?)_checksum_(func|method|constructor)_(\w+)\b")
NAMESPACE = re.compile(r"\bffi_(\w+?)_uniffi_contract_version\b")


@dataclass(frozen=True)
class Export:
    """One exported item as named in the checksum symbol."""

    namespace: str  # the uniffi namespace (crate) that exports it
    kind: str  # func | method | constructor
    owner: str | None  # lowercased object/trait name for methods and constructors
    name: str  # snake_case Rust name

    def label(self) -> str:
        return f"{self.namespace}: {self.kind} {self.owner + '.' if self.owner else ''}{self.name}"


def camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def exports_from(text: str, owners: set[str]) -> set[Export]:
    """Parses checksum symbols; `owners` (lowercased class names) splits `obj_method`."""
    found: set[Export] = set()
    for namespace, kind, rest in CHECKSUM.findall(text):
        if kind == "func":
            found.add(Export(namespace, "func", None, rest))
            continue
        # rest = <owner lowercased, no underscores>_<method snake_case>
        owner, _, name = rest.partition("_")
        if owner not in owners:
            raise SystemExit(f"coverage: cannot find the class for checksum `{rest}`")
        found.add(Export(namespace, kind, owner, name))
    return found


def namespaces_in(text: str) -> set[str]:
    """The uniffi namespaces whose generated file is part of `text`."""
    return set(NAMESPACE.findall(text))


# Declared by uniffi itself in every namespace's module.
UNIFFI_OWN_NAMES = {"InternalError"}


def python_names_in_two_namespaces(paths: list[str]) -> dict[str, list[str]]:
    """Public names (`__all__`) that more than one generated Python module declares: a type
    mirrored in the façade instead of used from the core shows up here."""
    owners: dict[str, list[str]] = {}
    for p in paths:
        path = Path(p)
        for f in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            block = re.search(r"^__all__ = \[(.*?)\]", f.read_text(encoding="utf-8"), re.M | re.S)
            for name in re.findall(r'"(\w+)"', block.group(1) if block else ""):
                if name not in UNIFFI_OWN_NAMES:
                    owners.setdefault(name, []).append(f.stem)
    return {name: mods for name, mods in owners.items() if len(mods) > 1}


def read_bindings(paths: list[str], suffix: str) -> str:
    """The generated bindings of every namespace: files as given, folders searched for `suffix`."""
    return read_suite(paths, suffix)


def python_classes(text: str) -> dict[str, str]:
    """lowercased -> real class name for every class in the generated Python."""
    return {m.lower(): m for m in re.findall(r"^class (\w+)", text, re.M)}


def kotlin_classes(text: str) -> dict[str, str]:
    names = re.findall(r"^\s*(?:public\s+|open\s+|abstract\s+|sealed\s+)*(?:class|interface) (\w+)", text, re.M)
    return {n.lower(): n for n in names}


def foreign_traits(py_text: str, classes: dict[str, str]) -> set[str]:
    """Lowercased names of callback interfaces and foreign-implementable traits (their vtable
    class is `_UniffiVTableCallbackInterface<Namespace><Name>`)."""
    vtables = [n.lower() for n in re.findall(r"class _UniffiVTableCallbackInterface(\w+)\(", py_text)]
    return {c for c in classes if any(v.endswith(c) for v in vtables)}


def strip_python(source: str) -> str:
    """Python source without comments and string literals (docstrings included)."""
    out = []
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    for tok in tokens:
        if tok.type in (tokenize.COMMENT, tokenize.STRING):
            out.append(" ")
        elif hasattr(tokenize, "FSTRING_START") and tok.type in (
            tokenize.FSTRING_START,
            tokenize.FSTRING_MIDDLE,
            tokenize.FSTRING_END,
        ):
            out.append(" ")
        else:
            out.append(tok.string)
            out.append(" " if tok.type == tokenize.NAME else "")
    return "".join(out)


def strip_kotlin(source: str) -> str:
    """Kotlin source without comments and string literals (templates included)."""
    out = []
    i, n = 0, len(source)
    while i < n:
        if source.startswith("//", i):
            j = source.find("\n", i)
            i = n if j < 0 else j
        elif source.startswith("/*", i):
            j = source.find("*/", i + 2)
            i = n if j < 0 else j + 2
            out.append(" ")
        elif source.startswith('"""', i):
            j = source.find('"""', i + 3)
            i = n if j < 0 else j + 3
            out.append('""')
        elif source[i] == '"':
            j = i + 1
            while j < n and source[j] != '"':
                j += 2 if source[j] == "\\" else 1
            i = j + 1
            out.append('""')
        elif source[i] == "'" and i + 2 < n:
            j = i + 1
            while j < n and source[j] != "'":
                j += 2 if source[j] == "\\" else 1
            i = j + 1
            out.append("' '")
        else:
            out.append(source[i])
            i += 1
    return "".join(out)


def read_suite(paths: list[str], suffix: str) -> str:
    texts = []
    for p in paths:
        path = Path(p)
        files = sorted(path.rglob(f"*{suffix}")) if path.is_dir() else [path]
        if not files:
            raise SystemExit(f"coverage: no {suffix} files in {p}")
        texts.extend(f.read_text(encoding="utf-8") for f in files)
    return "\n".join(texts)


def python_called(e: Export, code: str, classes: dict[str, str], traits: set[str]) -> bool:
    name = re.escape(e.name)
    if e.kind == "func":
        return re.search(rf"(?<!def )(?<![\w.])(?:\w+\s*\.\s*)?{name}\s*\(", code) is not None
    cls = re.escape(classes[e.owner])
    if e.kind == "constructor":
        pattern = rf"\b{cls}\s*\(" if e.name == "new" else rf"\b{cls}\s*\.\s*{name}\s*\("
        return re.search(pattern, code) is not None
    if e.owner in traits and re.search(rf"\bdef {name}\s*\(\s*self\b", code):
        return True
    return re.search(rf"\.\s*{name}\s*\(", code) is not None


def kotlin_called(e: Export, code: str, classes: dict[str, str], traits: set[str]) -> bool:
    name = re.escape(camel(e.name))
    if e.kind == "func":
        return re.search(rf"(?<!fun )(?<![\w.])(?:\w+\s*\.\s*)?{name}\s*\(", code) is not None
    cls = re.escape(classes[e.owner])
    if e.kind == "constructor":
        pattern = rf"\b{cls}\s*\(" if e.name == "new" else rf"\b{cls}\s*\.\s*{name}\s*\("
        return re.search(pattern, code) is not None
    if e.owner in traits and re.search(rf"\boverride\s+(?:suspend\s+)?fun\s+{name}\s*\(", code):
        return True
    return re.search(rf"\.\s*{name}\s*\(", code) is not None


def uncalled(exports, py_code, kt_code, py_classes, kt_classes, traits):
    missing = []
    for e in sorted(exports, key=Export.label):
        who = []
        if not python_called(e, py_code, py_classes, traits):
            who.append("Python")
        if not kotlin_called(e, kt_code, kt_classes, traits):
            who.append("Kotlin")
        if who:
            missing.append((e, who))
    return missing


def drop_calls(code: str, e: Export, lang: str, classes: dict[str, str]) -> str:
    """The suite with every call of `e` renamed away (for the self-test)."""
    name = e.name if lang == "py" else camel(e.name)
    if e.kind == "constructor" and e.name == "new":
        return re.sub(rf"\b{re.escape(classes[e.owner])}\s*\(", "Removed(", code)
    return re.sub(rf"\b{re.escape(name)}\s*\(", "removed_by_self_test(", code)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--py-bindings", nargs="+", required=True)
    ap.add_argument("--kt-bindings", nargs="+", required=True)
    ap.add_argument("--swift-bindings", nargs="+", help="also require the Swift bindings to export the same set")
    ap.add_argument("--namespaces", nargs="+", default=[], help="namespaces the bindings must contain")
    ap.add_argument("--py-suite", nargs="+", required=True)
    ap.add_argument("--kt-suite", nargs="+", required=True)
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args()

    py_text = read_bindings(args.py_bindings, ".py")
    kt_text = read_bindings(args.kt_bindings, ".kt")
    namespaces = {"Python": namespaces_in(py_text), "Kotlin": namespaces_in(kt_text)}
    if args.swift_bindings:
        swift_text = read_bindings(args.swift_bindings, ".swift")
        namespaces["Swift"] = namespaces_in(swift_text)
    for lang, found in namespaces.items():
        if found != namespaces["Python"]:
            print(f"coverage: the {lang} bindings hold namespaces {sorted(found)}, Python {sorted(namespaces['Python'])}")
            return 1
        if lacking := sorted(set(args.namespaces) - found):
            print(f"coverage: the {lang} bindings lack the namespaces {lacking} (found {sorted(found)})")
            return 1
    if twice := python_names_in_two_namespaces(args.py_bindings):
        print("coverage: declared in more than one namespace (one name per concept): "
              + ", ".join(f"{n} ({' and '.join(m)})" for n, m in sorted(twice.items())))
        return 1
    py_classes, kt_classes = python_classes(py_text), kotlin_classes(kt_text)
    traits = foreign_traits(py_text, py_classes)
    py_exports = exports_from(py_text, set(py_classes))
    kt_exports = exports_from(kt_text, set(kt_classes))
    # Callback-interface methods (implemented by the app, called by Rust) have checksums in
    # some languages only; everything Rust implements must be identical across languages.
    rust_side = lambda exports: {e for e in exports if e.owner not in traits}
    if rust_side(py_exports) != rust_side(kt_exports):
        diff = sorted(e.label() for e in rust_side(py_exports) ^ rust_side(kt_exports))
        print("coverage: Python and Kotlin bindings disagree on the exports: " + ", ".join(diff))
        return 1
    if args.swift_bindings:
        swift_exports = exports_from(swift_text, set(py_classes))
        if rust_side(swift_exports) != rust_side(py_exports):
            diff = sorted(e.label() for e in rust_side(py_exports) ^ rust_side(swift_exports))
            print("coverage: Swift and Python bindings disagree on the exports: " + ", ".join(diff))
            return 1
    if not py_exports:
        print("coverage: no exports found in the bindings (no checksum symbols)")
        return 1

    py_code = strip_python(read_suite(args.py_suite, ".py"))
    kt_code = strip_kotlin(read_suite(args.kt_suite, ".kt"))
    all_exports = py_exports | kt_exports
    missing = uncalled(all_exports, py_code, kt_code, py_classes, kt_classes, traits)
    for e, who in missing:
        print(f"coverage: {e.label()} is not called by the {' and '.join(who)} suite")
    if missing:
        print(f"coverage: FAILED, {len(missing)} of {len(all_exports)} exports uncalled")
        return 1
    per_namespace = {ns: sum(e.namespace == ns for e in all_exports) for ns in sorted(namespaces["Python"])}
    print(f"coverage: all {len(all_exports)} exports of the namespaces {per_namespace} are called by both suites "
          f"(app-implemented trait methods: {sorted(e.label() for e in all_exports if e.owner in traits)})")

    if args.self_test:
        # Remove one export's calls from each suite in turn: the check must notice every time.
        for e in sorted(all_exports, key=Export.label):
            for lang in ("py", "kt"):
                if lang == "py":
                    code = drop_calls(py_code, e, "py", py_classes)
                    still = python_called(e, code, py_classes, traits)
                else:
                    code = drop_calls(kt_code, e, "kt", kt_classes)
                    still = kotlin_called(e, code, kt_classes, traits)
                if still:
                    print(f"coverage self-test: removing the calls of {e.label()} from the {lang} suite went unnoticed")
                    return 1
        print(f"coverage self-test: removing any one export's calls from either suite is detected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
