#!/usr/bin/env python3
"""Convert the English MEANTIME Wikinews articles (CAT XML) into plain-text news files.

Usage (from the repository root; these are also the defaults):

    python3 corpus/convert_meantime.py ../shared/corpora/meantime corpus/meantime

Input:  <src>/intra-doc_annotation/corpus_*/*.xml  (120 files, tokenised CAT XML:
        <token number sentence t_id>, plus annotation markables and relations).
Output: <dst>/<corpus_name>/<doc_id>.txt  (e.g. corpus_gm/143300.txt), and
        <dst>/SOURCES.tsv, one row per article (file, doc_id, date, Wikinews URL,
        headline) so that every text file can be traced to its source article.

Only the token text is used; every annotation (entity/event mentions, TIMEX3,
relations) is dropped.  Standard library only; deterministic output.

File layout (UTF-8, LF line ends, trailing newline, every paragraph on one line):

    <headline>                      sentence 0
    <blank>
    <Month D, YYYY>                 sentence 1 (the dateline), normalised
    <blank>
    <paragraph>                     sentences 2.. (see "Paragraphs")
    <blank>
    <paragraph> ...

Date: sentence 1 is the article's dateline ("November 03 , 2009"); it is written
as "November 3, 2009".  It is checked against the TIMEX3 whose
functionInDocument="CREATION_TIME" (value YYYY-MM-DD).  A missing or malformed
CREATION_TIME, or one that disagrees with the dateline, is reported as an
anomaly; the dateline text is what gets written (in this corpus the only
disagreement, 114904, is an annotation slip: its dateline and the article's
other TIMEX3 values say 2008-10-10 while CREATION_TIME says 2008-10-20).

Paragraphs: the XML carries no paragraph information (token numbers and t_ids
are contiguous, tokens have only number/sentence/t_id, there are no layout
tokens), so paragraphs are rebuilt by this deterministic rule:

  * one paragraph per sentence (Wikinews articles mostly use one- or
    two-sentence paragraphs), except that a sentence is appended to the
    previous paragraph when
      (a) the boundary lies inside a quotation that is closed later in the
          document (a multi-sentence quote stays in one paragraph), or
      (b) the previous sentence ends with a closing quote and the next one
          starts with an all-lowercase word (a sentence-splitter artefact such
          as '... collapse." / said Stephen Harper.').
  * a closing quote that the sentence splitter put at the start of the next
    sentence is moved back to the end of the previous one.

Spacing, rebuilt from tokens:
  * no space before , . ; : ! ? % ) ] } or before the clitics 's n't 're 've
    'll 'd 'm (so "ca n't" -> "can't"), nor before closing quotes;
  * no space after ( [ { or after opening quotes;
  * no space between a currency token ($ US$ CA$ AU$ USD$ £ € ¥) and a
    following number ("US$ 997" -> "US$997"); "US $" -> "US$";
  * quotes: `` -> “ and '' -> ”; a '' with no quote open is an opening “,
    unless it follows a number, where it is an inch mark (13.3 '' -> 13.3");
    straight " tokens alternate “ / ”; ` -> ‘ and its closing ' -> ’; a lone
    ' (or ’) is an apostrophe joined on both sides before s/t/m/d/ll/re/ve
    ("we ' re" -> "we're"), closes an open single quote, is a possessive
    apostrophe after a word ending in s ("Beatles ' Apple" -> "Beatles'
    Apple"), and otherwise opens a single quote;
  * split contractions are rejoined: "I' m" -> "I'm", "O' Leary" -> "O'Leary",
    "O 'Reilly" -> "O'Reilly"; a token ''I' is read as '' + I';
  * everything else (hyphenated words, "-", "--", "...", "&", "/", decimals
    such as 52.5 and 8,26) is kept exactly as tokenised, separated by one space.

Token repairs (each one is counted and reported):
  * "#" before a number is the tokeniser's rendering of the pound sign: -> "£";
  * "]" with no "[" open (editorial brackets whose "[" was lost) is dropped;
  * a "." token right after a token that already ends in "." is dropped
    ("Co. ." -> "Co."), as is a ":" right after ":";
  * a ":" opening a sentence (wiki indentation in 1173) is dropped.

A summary (files written, per-file anomalies and repair counts) is printed.
The exit status is 1 if any input file could not be converted.
"""

import argparse
import collections
import csv
import glob
import io
import os
import re
import sys
import xml.etree.ElementTree as ET

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}"}
NO_SPACE_AFTER = {"(", "[", "{"}
CLITICS = {"'s", "n't", "'re", "'ve", "'ll", "'d", "'m"}
BARE_CLITICS = {"s", "t", "m", "d", "ll", "re", "ve"}
CURRENCY = {"$", "US$", "CA$", "AU$", "USD$", "NZ$", "HK$", "C$", "A$", "S$",
            "£", "€", "¥"}

OPEN_DQ, CLOSE_DQ, OPEN_SQ, CLOSE_SQ, APOS_LEFT, APOS_BOTH = (
    "open_dq", "close_dq", "open_sq", "close_sq", "apos_left", "apos_both")


class Tok:
    __slots__ = ("text", "sent", "role", "out")

    def __init__(self, text, sent):
        self.text = text
        self.sent = sent
        self.role = None   # quote/apostrophe role, see constants above
        self.out = text    # rendered text


def repair_tokens(toks, notes):
    """Token-level repairs; returns a new list.  `notes` is a Counter."""
    out = []
    bracket_depth = 0
    for i, t in enumerate(toks):
        text = t.text
        nxt = toks[i + 1].text if i + 1 < len(toks) else ""
        m = re.match(r"^(``|'')(\w.*)$", text)
        if m:  # e.g. ''I'  ->  ''  I'
            out.append(Tok(m.group(1), t.sent))
            out.append(Tok(m.group(2), t.sent))
            notes["split quote glued to word (%s)" % text] += 1
            continue
        if text == "#" and re.match(r"^\d", nxt):
            out.append(Tok("£", t.sent))
            notes["'#' before number -> '£'"] += 1
            continue
        if text == "$" and out and out[-1].text == "US" and out[-1].sent == t.sent:
            out[-1].text = out[-1].out = "US$"
            notes["'US $' -> 'US$'"] += 1
            continue
        if text == "[":
            bracket_depth += 1
        elif text == "]":
            if bracket_depth == 0:
                notes["unmatched ']' dropped"] += 1
                continue
            bracket_depth -= 1
        if out and out[-1].sent == t.sent:
            prev = out[-1].text
            if text == "." and prev.endswith(".") and prev != "...":
                notes["duplicate '.' dropped (after %s)" % prev] += 1
                continue
            if text == ":" and prev == ":":
                notes["duplicate ':' dropped"] += 1
                continue
        if text == ":" and (not out or out[-1].sent != t.sent):
            notes["sentence-initial ':' dropped"] += 1
            continue
        out.append(Tok(text, t.sent))
    if bracket_depth:
        notes["unclosed '['"] += bracket_depth
    return out


def assign_quote_roles(toks, notes):
    """Give quote and apostrophe tokens a role and typographic rendering.

    Returns a list of (open_index, close_index_or_None) double-quote spans.
    """
    spans = []
    dq_open_at = None      # index of the currently open double quote
    dq_straight = False    # was it opened by a straight " ?
    sq_stack = []          # kinds of open single quotes ("`" or "'")
    for i, t in enumerate(toks):
        x = t.text
        nxt = toks[i + 1].text if i + 1 < len(toks) else ""
        prev = toks[i - 1].text if i > 0 else ""

        def open_dq(straight):
            nonlocal dq_open_at, dq_straight
            if dq_open_at is not None:
                notes["quote reopened while open (earlier one left unclosed)"] += 1
                spans.append((dq_open_at, None))
            dq_open_at, dq_straight = i, straight
            t.role, t.out = OPEN_DQ, "“"

        def close_dq():
            nonlocal dq_open_at
            spans.append((dq_open_at, i))
            dq_open_at = None
            t.role, t.out = CLOSE_DQ, "”"

        if x in ("``", "“"):
            open_dq(False)
        elif x == "''" and dq_open_at is None and re.match(r"^\d+(\.\d+)?$", prev):
            notes["'' after a number with no quote open read as inch mark"] += 1
            t.role, t.out = APOS_LEFT, '"'     # 13.3'' widescreen -> 13.3" widescreen
        elif x in ("''", "”"):
            if dq_open_at is not None:
                close_dq()
            elif x == "''":
                notes["'' with no quote open read as opening quote"] += 1
                open_dq(False)
            else:
                notes["stray closing ” kept"] += 1
                t.role = CLOSE_DQ
        elif x == '"':
            if dq_open_at is not None:
                close_dq()
            else:
                open_dq(True)
        elif x == "`":
            sq_stack.append("`")
            t.role, t.out = OPEN_SQ, "‘"
        elif x in ("'", "’"):
            if nxt in BARE_CLITICS and re.match(r"^\w+$", prev):
                t.role = APOS_BOTH              # we ' re -> we're ; Wayne ’ s
            elif sq_stack:
                kind = sq_stack.pop()
                t.role = CLOSE_SQ
                t.out = "’" if kind == "`" else x
            elif re.match(r"^\w*[sS]$", prev):
                t.role = APOS_LEFT              # Beatles ' Apple -> Beatles' Apple
            else:
                notes["lone ' read as opening single quote"] += 1
                sq_stack.append("'")            # movie , ' High School ... '
                t.role = OPEN_SQ
        elif re.match(r"^'[A-Za-z]", x) and x.lower() not in CLITICS:
            if prev == "O" and x[1].isupper():
                t.role = "name_part"      # O 'Reilly
            else:
                sq_stack.append("'")      # 'switch ' -> 'switch'
    if dq_open_at is not None:
        notes["quote left open at end of text"] += 1
        spans.append((dq_open_at, None))
    if sq_stack:
        notes["single quote left open at end of text"] += len(sq_stack)
    return spans


def needs_space(prev, cur):
    if prev is None:
        return False
    p, c = prev.text, cur.text
    if c in NO_SPACE_BEFORE or c.lower() in CLITICS:
        return False
    if cur.role in (CLOSE_DQ, CLOSE_SQ, APOS_LEFT, APOS_BOTH, "name_part"):
        return False
    if prev.role in (OPEN_DQ, OPEN_SQ, APOS_BOTH):
        return False
    if p in NO_SPACE_AFTER:
        return False
    if p in CURRENCY and re.match(r"^\d", c):
        return False
    if p.endswith(("'", "’")) and len(p) > 1:
        # I' m -> I'm ; O' Leary -> O'Leary
        if c in BARE_CLITICS or (re.match(r"^[A-Z]'$", p) and c[:1].isupper()):
            return False
    if c == "+" and p[-1:].isdigit():
        return False
    return True


def render(toks):
    buf = []
    prev = None
    for t in toks:
        if needs_space(prev, t):
            buf.append(" ")
        buf.append(t.out)
        prev = t
    return "".join(buf)


def build_paragraphs(body, spans, notes):
    """Group body tokens (already repaired and quote-annotated) into paragraphs."""
    # sentences as lists of token indices, in order
    sents = []
    for i, t in enumerate(body):
        if not sents or body[sents[-1][-1]].sent != t.sent:
            sents.append([i])
        else:
            sents[-1].append(i)
    # move leading closing quotes back to the previous sentence
    for k in range(1, len(sents)):
        while len(sents[k]) > 1 and body[sents[k][0]].role in (CLOSE_DQ, CLOSE_SQ):
            sents[k - 1].append(sents[k].pop(0))
            notes["leading closing quote moved to previous sentence"] += 1
    inside = set()  # token indices strictly inside a closed double quote
    for a, b in spans:
        if b is not None:
            inside.update(range(a + 1, b + 1))
    paras = [list(sents[0])] if sents else []
    for k in range(1, len(sents)):
        first, last_prev = sents[k][0], sents[k - 1][-1]
        join = False
        if first in inside:
            join = True
            notes["sentences joined inside a quotation"] += 1
        elif (body[last_prev].role in (CLOSE_DQ, CLOSE_SQ)
              and re.match(r"^[a-z]+$", body[first].text)):
            join = True
            notes["lowercase continuation after closing quote joined"] += 1
        if join:
            paras[-1].extend(sents[k])
        else:
            paras.append(list(sents[k]))
    return [render([body[i] for i in p]) for p in paras]


def parse_dateline(words):
    """['November', '03', ',', '2009'] -> (2009, 11, 3) or None."""
    if (len(words) == 4 and words[0] in MONTHS and words[1].isdigit()
            and words[2] == "," and re.match(r"^\d{4}$", words[3])):
        return int(words[3]), MONTHS.index(words[0]) + 1, int(words[1])
    return None


def parse_timex_date(value, anomalies):
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", value or "")
    if m:
        return tuple(int(g) for g in m.groups())
    m = re.match(r"^(\d{2})-(\d{2})-(\d{4})$", value or "")
    if m:
        anomalies.append("CREATION_TIME value %r is not ISO (read as DD-MM-YYYY)" % value)
        return int(m.group(3)), int(m.group(2)), int(m.group(1))
    anomalies.append("CREATION_TIME value %r unparseable" % value)
    return None


def convert_file(path):
    """Returns (doc_id, text, info dict, anomalies list, notes Counter)."""
    anomalies = []
    notes = collections.Counter()
    root = ET.parse(path).getroot()
    doc_id = root.get("doc_id")
    raw = root.findall("token")
    if not raw:
        raise ValueError("no <token> elements")
    nums = [int(t.get("number")) for t in raw]
    if nums != list(range(len(raw))):
        anomalies.append("token numbers not contiguous from 0")
    sent_ids = [int(t.get("sentence")) for t in raw]
    if sent_ids != sorted(sent_ids):
        anomalies.append("sentence numbers not in order")
    for t in raw:
        extra = set(t.attrib) - {"number", "sentence", "t_id"}
        if extra:
            anomalies.append("token %s has extra attributes %s" % (t.get("t_id"), sorted(extra)))
        if t.text is None or t.text != t.text.strip() or not t.text:
            anomalies.append("token %s has empty/whitespace text %r" % (t.get("t_id"), t.text))
    toks = [Tok((t.text or "").strip(), int(t.get("sentence"))) for t in raw]
    tid_sent = {t.get("t_id"): int(t.get("sentence")) for t in raw}

    head = [t for t in toks if t.sent == 0]
    date_toks = [t for t in toks if t.sent == 1]
    body = [t for t in toks if t.sent >= 2]
    if not head:
        anomalies.append("no sentence 0 (headline)")

    # --- date
    dl = parse_dateline([t.text for t in date_toks])
    ct = [x for x in root.iter("TIMEX3") if x.get("functionInDocument") == "CREATION_TIME"]
    ct_date = None
    if len(ct) > 1:
        anomalies.append("%d CREATION_TIME TIMEX3 elements" % len(ct))
    if ct:
        ct_date = parse_timex_date(ct[0].get("value"), anomalies)
        anchored = {tid_sent.get(a.get("t_id")) for a in ct[0].findall("token_anchor")}
        if anchored and anchored != {1}:
            anomalies.append("CREATION_TIME anchored outside the dateline (sentences %s)" % sorted(anchored))
    else:
        desc = "no CREATION_TIME TIMEX3"
        for x in root.iter("TIMEX3"):
            anchored = {tid_sent.get(a.get("t_id")) for a in x.findall("token_anchor")}
            if anchored == {1}:
                desc += "; the dateline carries TIMEX3 m_id=%s functionInDocument=%s value=%s" % (
                    x.get("m_id"), x.get("functionInDocument"), x.get("value"))
        anomalies.append(desc)
    if dl is None:
        anomalies.append("sentence 1 is not a dateline: %r" % " ".join(t.text for t in date_toks))
        if ct_date is None:
            raise ValueError("no usable date (no dateline, no CREATION_TIME)")
        date = ct_date
        anomalies.append("date taken from CREATION_TIME")
        body = [t for t in toks if t.sent >= 1]
    else:
        date = dl
        if ct_date is not None and ct_date != dl:
            anomalies.append("DATE MISMATCH: dateline %04d-%02d-%02d vs CREATION_TIME %s "
                             "(dateline written)" % (dl + (ct[0].get("value"),)))
    y, mo, d = date
    date_line = "%s %d, %d" % (MONTHS[mo - 1], d, y)

    # --- headline and body
    head = repair_tokens(head, notes)
    assign_quote_roles(head, notes)
    headline = render(head)
    body = repair_tokens(body, notes)
    spans = assign_quote_roles(body, notes)
    paras = build_paragraphs(body, spans, notes)
    if not paras:
        anomalies.append("empty body")

    for s in [headline] + paras:
        if "  " in s:
            anomalies.append("double space in output: %r" % s[:60])
    text = "\n\n".join([headline, date_line] + paras) + "\n"
    info = {"doc_id": doc_id, "url": root.get("url", ""), "headline": headline,
            "date": "%04d-%02d-%02d" % date, "paragraphs": len(paras),
            "sentences": len({t.sent for t in body})}
    return doc_id, text, info, anomalies, notes


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", nargs="?", default="../shared/corpora/meantime",
                    help="MEANTIME root (default: ../shared/corpora/meantime)")
    ap.add_argument("dst", nargs="?", default="corpus/meantime",
                    help="output directory (default: corpus/meantime)")
    args = ap.parse_args(argv)

    pattern = os.path.join(args.src, "intra-doc_annotation", "corpus_*", "*.xml")
    files = sorted(glob.glob(pattern))
    if not files:
        print("error: no input files match %s" % pattern, file=sys.stderr)
        return 2

    written, failed, rows = [], [], []
    total_notes = collections.Counter()
    anomaly_lines = []
    seen_ids = {}
    for path in files:
        corpus_name = os.path.basename(os.path.dirname(path))
        rel_in = os.path.relpath(path, args.src)
        try:
            doc_id, text, info, anomalies, notes = convert_file(path)
        except Exception as e:  # report, never skip silently
            failed.append(rel_in)
            anomaly_lines.append("%s: FAILED: %s" % (rel_in, e))
            continue
        if not re.match(r"^[0-9]+$", doc_id or ""):
            anomalies.append("doc_id %r is not numeric" % doc_id)
            doc_id = re.sub(r"[^A-Za-z0-9_-]", "_", doc_id or "unknown")
        if not os.path.basename(path).startswith(doc_id + "_"):
            anomalies.append("file name does not start with doc_id %s" % doc_id)
        key = (corpus_name, doc_id)
        if key in seen_ids:
            failed.append(rel_in)
            anomaly_lines.append("%s: FAILED: duplicate doc_id %s (also %s)" % (rel_in, doc_id, seen_ids[key]))
            continue
        seen_ids[key] = rel_in
        out_dir = os.path.join(args.dst, corpus_name)
        os.makedirs(out_dir, exist_ok=True)
        rel_out = "%s/%s.txt" % (corpus_name, doc_id)
        with open(os.path.join(args.dst, rel_out), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        written.append(rel_out)
        rows.append([rel_out, doc_id, info["date"], info["url"], info["headline"]])
        total_notes.update(notes)
        for a in anomalies:
            anomaly_lines.append("%s: %s" % (rel_out, a))
        if notes:
            anomaly_lines.append("%s: repairs/joins: %s" % (
                rel_out, "; ".join("%s x%d" % kv for kv in sorted(notes.items()))))

    with open(os.path.join(args.dst, "SOURCES.tsv"), "w", encoding="utf-8", newline="\n") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(["file", "doc_id", "date", "url", "headline"])
        w.writerows(rows)

    stale = sorted(
        os.path.relpath(p, args.dst).replace(os.sep, "/")
        for p in glob.glob(os.path.join(args.dst, "*", "*.txt"))
        if os.path.relpath(p, args.dst).replace(os.sep, "/") not in set(written))

    print("MEANTIME -> text: %d input files, %d written, %d failed" % (len(files), len(written), len(failed)))
    per_corpus = collections.Counter(w.split("/")[0] for w in written)
    for c in sorted(per_corpus):
        print("  %-16s %d" % (c, per_corpus[c]))
    print("  SOURCES.tsv      %d rows" % len(rows))
    if stale:
        print("warning: %d .txt files in %s were not produced by this run: %s" % (len(stale), args.dst, ", ".join(stale)))
    print("\nPer-file anomalies and repairs:")
    for line in anomaly_lines or ["  (none)"]:
        print("  " + line)
    print("\nTotals of repairs/joins:")
    for k, v in sorted(total_notes.items()):
        print("  %5d  %s" % (v, k))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
