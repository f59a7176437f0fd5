#!/usr/bin/env python3
"""check-translations — what a machine can check of the translated content.

    tools/check-translations.py [--base REF] [--langs tr,uk,ar] [--root DIR]

Run from anywhere inside the repository. Checks, each failure printed as
file:line:column: error: ...:

  content/kiosk.yaml, attract.yaml, domains/*.yaml
    - every file parses;
    - every text map with `de:` has each language of --langs, non-empty,
      in the order de, en, leicht, then --langs;
    - a translation keeps the German's figures: the same digit groups, none
      added or left out (dates, counts, years); Western digits only;
    - a translation that contains ':' or starts with a character other than
      a letter or digit is written in YAML double quotes;
    - typography: no German „ or straight " in a translation; Turkish
      quotes “…” and ’, Ukrainian «…» and the apostrophe ʼ (U+02BC),
      Arabic «…» and ، ؛ ؟; no word mixing Latin with Cyrillic or Arabic
      letters (a look-alike letter typed in the wrong script);
    - nothing but translations changed against --base (default main): every
      de/en/leicht text and every other value is as on REF, and `git diff REF`
      shows only added lines in these files.

  assets/strings/<code>.yaml for each of --langs
    - `language:` names the file's code; `strings:` has exactly one entry per
      entry of kiosk/core/uistrings.h's X() list (lower-cased);
    - each text takes exactly the printf conversions of the German text
      (assets/strings/de.yaml), in the same order, and those uistrings.h
      gives the entry.

It cannot judge the language itself: the translations await review by
native speakers (content/SOURCES.md, "Übersetzungen / Translations").
Exit status 0 when clean, 1 when anything failed, 2 on a usage error."""

import argparse
import glob
import os
import re
import subprocess
import sys

try:
    import yaml
except ImportError:
    sys.exit("check-translations: needs PyYAML (Debian: python3-yaml)")

BASE_ORDER = ["de", "en", "leicht"]
CONVERSION = re.compile(r"%(?:%|[-+ #0]*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcsp])")
DIGITS = re.compile(r"\d+")
WORD = re.compile(r"\w+")
# per language: characters that must not appear in a translation, with why
FORBIDDEN = {
    "*": {"„": "German opening quote", '"': "straight double quote"},
    "tr": {"«": "use Turkish quotes “…”", "»": "use Turkish quotes “…”",
           "'": "use the typographic apostrophe ’"},
    "uk": {"“": "use «…»", "”": "use «…»", "'": "use the apostrophe ʼ (U+02BC)",
           "’": "use the apostrophe ʼ (U+02BC)"},
    "ar": {"“": "use «…»", "”": "use «…»", ",": "use the Arabic comma ،",
           ";": "use the Arabic semicolon ؛", "?": "use the Arabic question mark ؟"},
}

errors = 0


def error(path, mark, msg):
    global errors
    errors += 1
    where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else path
    print(f"{where}: error: {msg}")


def compose(path, text):
    """The file's node tree (all scalars as strings), or None after an error."""
    try:
        return yaml.compose(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        error(path, mark, f"does not parse: {getattr(e, 'problem', e)}")
        return None


def plain(node):
    """A node as plain Python data (dicts keep their order)."""
    if isinstance(node, yaml.MappingNode):
        return {k.value: plain(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [plain(v) for v in node.value]
    return node.value


def text_maps(node):
    """Every mapping node that holds a `de:` key, depth first."""
    if isinstance(node, yaml.MappingNode):
        if any(k.value == "de" for k, _ in node.value):
            yield node
        for _, v in node.value:
            yield from text_maps(v)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            yield from text_maps(v)


def script_of(ch):
    o = ord(ch)
    if 0x0400 <= o <= 0x04FF:
        return "Cyrillic"
    if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFEFF:
        return "Arabic"
    if ch.isalpha() and o < 0x0250:
        return "Latin"
    return None


def check_translation(path, lang, de, node):
    v = node.value
    if not v.strip():
        error(path, node.start_mark, f"'{lang}' is empty")
        return
    if sorted(DIGITS.findall(v)) != sorted(DIGITS.findall(de)):
        error(path, node.start_mark,
              f"'{lang}' has the figures {DIGITS.findall(v)}, the German {DIGITS.findall(de)}")
    if re.search("[\u0660-\u0669\u06f0-\u06f9]", v):
        error(path, node.start_mark, f"'{lang}' has Arabic-Indic digits; write 0-9 as the German does")
    for table in (FORBIDDEN["*"], FORBIDDEN.get(lang, {})):
        for ch, why in table.items():
            if ch in v:
                error(path, node.start_mark, f"'{lang}' has {ch!r}: {why}")
    for w in WORD.findall(v):
        scripts = {script_of(c) for c in w} - {None}
        if len(scripts) > 1:
            error(path, node.start_mark, f"'{lang}': the word {w!r} mixes {' and '.join(sorted(scripts))} letters")
    needs_quotes = ":" in v or not v[0].isalnum()
    if needs_quotes and node.style != '"':
        error(path, node.start_mark, f"'{lang}' contains ':' or starts with {v[0]!r}: write it in double quotes")


def check_text_map(path, node, langs):
    keys = [k.value for k, _ in node.value]
    vals = {k.value: v for k, v in node.value}
    want = [k for k in BASE_ORDER + langs if k in keys]
    if keys != want:
        error(path, node.start_mark, f"keys {keys}: expected the order {', '.join(BASE_ORDER + langs)}")
    de = vals["de"].value if isinstance(vals["de"], yaml.ScalarNode) else ""
    for lang in langs:
        v = vals.get(lang)
        if v is None:
            error(path, node.start_mark, f"text '{de[:40]}' has no '{lang}'")
        elif not isinstance(v, yaml.ScalarNode):
            error(path, v.start_mark, f"'{lang}' is not a text")
        else:
            check_translation(path, lang, de, v)


def without(data, langs):
    """data with the translations taken out of every text map."""
    if isinstance(data, dict):
        drop = langs if "de" in data else []
        return {k: without(v, langs) for k, v in data.items() if k not in drop}
    if isinstance(data, list):
        return [without(v, langs) for v in data]
    return data


def git(root, *args):
    r = subprocess.run(["git", "-C", root, *args], capture_output=True, text=True)
    return r.stdout if r.returncode == 0 else None


def check_unchanged(root, rel, tree, base, langs):
    old_text = git(root, "show", f"{base}:{rel}")
    if old_text is None:
        print(f"{rel}: note: not in {base}; not compared")
        return
    old = compose(rel + f" (on {base})", old_text)
    if old is None:
        return
    if without(plain(tree), langs) != without(plain(old), langs):
        error(rel, None, f"a value other than a translation differs from {base} "
                         f"(compare: git diff {base} -- {rel})")
    diff = git(root, "diff", "-U0", base, "--", rel) or ""
    for line in diff.splitlines():
        if line.startswith("-") and not line.startswith("---"):
            error(rel, None, f"git diff {base} removes a line: {line[1:].strip()[:60]}")


def uistrings(root):
    """[(id, printf conversions)] from the X() list of kiosk/core/uistrings.h."""
    text = open(os.path.join(root, "kiosk/core/uistrings.h"), encoding="utf-8").read()
    found = re.findall(r"^\s*X\((\w+),\s*\"([^\"]*)\"\)", text, re.M)
    if not found:
        sys.exit("check-translations: no X(NAME, \"conversions\") list in kiosk/core/uistrings.h")
    return [(n.lower(), a) for n, a in found]


def str_ids(root):
    return [n for n, _ in uistrings(root)]


def german_table(root):
    """{id: (printf conversions, German text)}: uistrings.h and de.yaml."""
    table = {n: (a, None) for n, a in uistrings(root)}
    de_yaml = os.path.join(root, "assets/strings/de.yaml")
    data = plain(compose("assets/strings/de.yaml", open(de_yaml, encoding="utf-8").read()) or
                 yaml.compose("{}"))
    for k, v in (data.get("strings") or {}).items():
        table[k] = (table.get(k, (None, None))[0], v)
    return table


def check_strings(root, lang, ids, german):
    rel = f"assets/strings/{lang}.yaml"
    path = os.path.join(root, rel)
    if not os.path.exists(path):
        error(rel, None, "missing")
        return
    tree = compose(rel, open(path, encoding="utf-8").read())
    if tree is None:
        return
    top = {k.value: (k, v) for k, v in tree.value} if isinstance(tree, yaml.MappingNode) else {}
    if "language" not in top or top["language"][1].value != lang:
        error(rel, tree.start_mark, f"'language:' must be {lang}")
    if "strings" not in top or not isinstance(top["strings"][1], yaml.MappingNode):
        error(rel, tree.start_mark, "no 'strings:' map")
        return
    entries = {k.value: v for k, v in top["strings"][1].value}
    for k, v in top["strings"][1].value:
        if k.value not in ids:
            error(rel, k.start_mark, f"unknown key '{k.value}' (uistrings.h has no {k.value.upper()})")
    for sid in ids:
        node = entries.get(sid)
        if node is None:
            error(rel, top["strings"][0].start_mark, f"no '{sid}'")
            continue
        if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
            error(rel, node.start_mark, f"'{sid}' is not a text")
            continue
        args, de = german.get(sid, (None, None))
        have = [c for c in CONVERSION.findall(node.value) if c != "%%"]
        if de is not None:
            want = [c for c in CONVERSION.findall(de) if c != "%%"]
            if have != want:
                error(rel, node.start_mark, f"'{sid}' takes {have}, the German {want}")
        if args is not None and [c.lstrip("%") for c in have] != args.split():
            error(rel, node.start_mark, f"'{sid}' takes {have}, kstrings_args() says \"{args}\"")
        if ":" in node.value and node.style != '"':
            error(rel, node.start_mark, f"'{sid}' contains ':': write it in double quotes")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", default="main", help="git ref the de/en/leicht texts are compared with")
    ap.add_argument("--langs", default="tr,uk,ar", help="the translated languages, in file order")
    ap.add_argument("--root", help="the repository (default: the one this script is in)")
    opt = ap.parse_args()
    root = opt.root or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    langs = [x for x in opt.langs.split(",") if x]
    if not langs:
        ap.error("--langs names no language")
    files = ["content/kiosk.yaml", "content/attract.yaml"] + sorted(
        os.path.relpath(p, root) for p in glob.glob(os.path.join(root, "content/domains/*.yaml")))
    have_base = git(root, "rev-parse", "--verify", "--quiet", opt.base + "^{commit}") is not None
    if not have_base:
        print(f"note: no git ref '{opt.base}'; de/en/leicht not compared")
    n_maps = 0
    for rel in files:
        tree = compose(rel, open(os.path.join(root, rel), encoding="utf-8").read())
        if tree is None:
            continue
        for m in text_maps(tree):
            n_maps += 1
            check_text_map(rel, m, langs)
        if have_base:
            check_unchanged(root, rel, tree, opt.base, langs)
    ids = str_ids(root)
    german = german_table(root)
    missing_de = [i for i in ids if i not in german]
    if missing_de:
        print(f"note: no German text found for {', '.join(missing_de)}; conversions not compared")
    for lang in langs:
        check_strings(root, lang, ids, german)
    print(f"{len(files)} content files, {n_maps} texts, {len(ids)} UI strings x {len(langs)} languages: "
          f"{errors} error{'s' if errors != 1 else ''}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
