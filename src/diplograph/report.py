"""query -> report: a relationship report on one subject (a place, official or organization) and
period, as data and figures, rendered as Markdown or one self-contained HTML file.

The notebooks and `diplograph report` both call this module; every table row keeps the document
and sentence it was read from.
"""

from __future__ import annotations

import base64
import datetime as dt
import difflib
import html
import io
import re
import unicodedata
import warnings
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import URIRef

from diplograph.errors import DiplographError
from diplograph.facts import iter_facts
from diplograph.queries import load_query, rows, run_query
from diplograph.store import Store

FORMATS = ("html", "md")

# kinds of subject, most specific first: when two share a name ("湖南" a province and a city's
# alias), a reader almost always means the first
SUBJECT_KINDS = ("Country", "Region", "Province", "City", "Official", "GovernmentBody",
                 "Enterprise", "Party", "Association", "MediaOrganization", "Organization")
KIND_LABELS = {"Country": "country 国家", "Region": "region 地区", "Province": "province 省份",
               "City": "city 城市", "Official": "official 官员",
               "GovernmentBody": "government body",
               "Enterprise": "enterprise 企业", "Party": "party 政党", "Association": "association",
               "MediaOrganization": "media 媒体", "Organization": "organization 组织"}

# section -> (title, [(row key, column header)]); every section ends with its evidence
EVIDENCE_COLUMNS = [("sentence", "sentence 原文"), ("document", "document 来源")]
SECTIONS = {
    "meetings": ("Meetings 会见会谈", [("start", "date"), ("kind", "kind"), ("participants", "who"),
                                        ("attendees", "also present"), ("place", "where")]),
    "visits_in": ("Visits in 来访", [("start", "from"), ("end", "to"), ("leader", "led by"),
                                     ("origin", "from where"), ("destinations", "to where"),
                                     ("size", "people")]),
    "visits_out": ("Visits out 出访", [("start", "from"), ("end", "to"), ("leader", "led by"),
                                       ("origin", "from where"), ("destinations", "to where"),
                                       ("size", "people")]),
    "visits_other": ("Other visits by its people", [("start", "from"), ("end", "to"),
                                                    ("leader", "led by"), ("origin", "from where"),
                                                    ("destinations", "to where")]),
    "events": ("Events 活动", [("start", "date"), ("kind", "kind"), ("name", "event"),
                               ("place", "where"), ("roles", "who (role)"),
                               ("value_text", "deals")]),
    "agreements": ("Agreements 协议", [("start", "date"), ("name", "agreement"),
                                       ("count_text", "how many"), ("value_text", "value"),
                                       ("sectors", "sectors"), ("signatories", "signed by")]),
}
TIMELINE_LANES = {"meetings": "meeting 会见", "visits_in": "visit in 来访",
                  "visits_out": "visit out 出访", "visits_other": "other visit",
                  "events": "event 活动", "agreements": "agreement 协议"}
LANE_COLOURS = {"meetings": "#d62728", "visits_in": "#1f77b4", "visits_out": "#17becf",
                "visits_other": "#aec7e8", "events": "#e377c2", "agreements": "#2ca02c"}
CJK_FONT_PREFERENCE = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
                       "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback",
                       "AR PL UMing CN")


class SubjectError(DiplographError):
    """A subject that names nothing in the store; the message lists the closest names."""


class PeriodError(DiplographError):
    """A period that is not two ISO dates in order."""


# -- Chinese in figures ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def configure_fonts() -> str | None:
    """Make matplotlib draw Chinese: put an installed CJK font first. Returns its family, or None
    (with a warning) when no CJK font is installed, in which case Chinese shows as boxes."""
    import matplotlib
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    family = next((name for name in CJK_FONT_PREFERENCE if name in installed), None)
    if family is None:
        family = next((name for name in sorted(installed) if "CJK" in name), None)
    if family is None:
        warnings.warn("no CJK font found for matplotlib (install Debian's fonts-noto-cjk); "
                      "Chinese labels in figures will not render", stacklevel=2)
        return None
    matplotlib.rcParams["font.family"] = "sans-serif"
    current = [f for f in matplotlib.rcParams["font.sans-serif"] if f != family]
    matplotlib.rcParams["font.sans-serif"] = [family, *current]
    # the CJK fonts have no U+2212 minus sign
    matplotlib.rcParams["axes.unicode_minus"] = False
    return family


def _figure(width: float, height: float):
    configure_fonts()
    from matplotlib.figure import Figure

    # a bare Figure (not pyplot) so building a report opens no window and leaks no global state
    return Figure(figsize=(width, height), layout="constrained")


def figure_png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    return buffer.getvalue()


# -- subjects -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Subject:
    iri: str
    kind: str
    label: str
    label_en: str | None = None
    code: str | None = None
    home: tuple[str, ...] = ()  # codes of the places it belongs to (province, country)

    @property
    def title(self) -> str:
        extra = [x for x in (self.label_en, self.code) if x and x != self.label]
        return f"{self.label} ({', '.join(extra)})" if extra else self.label


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s\-_'’·.,()]", "", text)


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text))


def _subject_names(store: Store) -> list[tuple[Subject, list[str]]]:
    out = []
    for row in rows(run_query(store, load_query("report-subjects"))):
        if not row["label"]:
            continue
        home = tuple(c for c in str(row["home"] or "").split("|") if c)
        subject = Subject(str(row["subject"]), row["kind"], row["label"], row["labelEn"],
                          row["code"], home)
        names = [row["label"], *[n for n in str(row["names"] or "").split("|") if n]]
        out.append((subject, names))
    return out


def resolve_subject(store: Store, text: str) -> Subject:
    """The place, official or organization that `text` names: Chinese (埃及, or a short form such
    as 湖南), English (Egypt), pinyin (Aiji, with or without tones or spaces) or an ISO code (EG,
    CN-HN). Raises SubjectError listing the closest names when nothing matches."""
    wanted = _normalise(text)
    if not wanted:
        raise SubjectError("no subject given: name a country, province, city, official or "
                           "organization, e.g. 埃及, Egypt, EG or Aiji")
    candidates = _subject_names(store)
    rank = {kind: n for n, kind in enumerate(SUBJECT_KINDS)}

    def pick(matches: list[Subject]) -> Subject | None:
        return min(matches, key=lambda s: (rank.get(s.kind, 99), s.iri)) if matches else None

    # the most literal reading first: a code, then a name as written, then the name in pinyin
    tiers = [
        lambda s, names: s.code is not None and _normalise(s.code) == wanted,
        lambda s, names: any(_normalise(n) == wanted for n in names),
        lambda s, names: s.label_en is not None and _normalise(s.label_en) == wanted,
    ]
    for test in tiers:
        found = pick([s for s, names in candidates if test(s, names)])
        if found:
            return found
    plain = _strip_tones(wanted)
    if plain.isascii():
        found = pick([s for s, names in candidates
                      if s.kind in rank and any(_pinyin_keys(n) & {plain} for n in names)])
        if found:
            return found
    raise SubjectError(_unknown_subject_message(text, candidates))


def _strip_tones(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[0-9]", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


# place-name suffixes a reader leaves off ("Hunan" for 湖南省)
_SUFFIXES = ("省", "市", "自治区", "特别行政区", "州", "县")


@lru_cache(maxsize=8192)
def _pinyin_keys(name: str) -> frozenset[str]:
    if name.isascii():
        return frozenset()
    keys = {_pinyin(name)}
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            keys.add(_pinyin(name[: -len(suffix)]))
    return frozenset(_normalise(k) for k in keys)


def _unknown_subject_message(text: str, candidates: list[tuple[Subject, list[str]]]) -> str:
    by_name: dict[str, Subject] = {}
    for subject, names in candidates:
        for name in [*names, subject.label_en or "", subject.code or ""]:
            if name:
                by_name.setdefault(name, subject)
    if text.isascii():  # a reader typing Latin letters may be typing pinyin
        for subject, names in candidates:
            if subject.kind in ("Country", "Region", "Province"):
                by_name.setdefault(_pinyin(subject.label).capitalize(), subject)
    close = difflib.get_close_matches(text, list(by_name), n=6, cutoff=0.4)
    if not close:
        close = difflib.get_close_matches(text.casefold(), list(by_name), n=6, cutoff=0.3)
    if not close:
        return (f"unknown subject {text!r}: no country, province, city, official or organization "
                "in the store has that name")
    shown = []
    for name in close:
        s = by_name[name]
        shown.append(name if name == s.label else f"{name} = {s.label}")
    return f"unknown subject {text!r}; closest: {', '.join(dict.fromkeys(shown))}"


# -- the report -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def label(self) -> str:
        if not self.start and not self.end:
            return "all dates"
        return f"{self.start or '…'} – {self.end or '…'}"

    def holds(self, start: dt.date | None, end: dt.date | None) -> bool:
        """Whether an exchange from start to end overlaps the period (undated: only when the
        period is open on both sides)."""
        if not self.start and not self.end:
            return True
        if start is None and end is None:
            return False
        first, last = start or end, end or start
        return ((self.start is None or last >= self.start)
                and (self.end is None or first <= self.end))


def parse_period(start: str | dt.date | None = None, end: str | dt.date | None = None) -> Period:
    def day(value: str | dt.date | None, name: str) -> dt.date | None:
        if value is None or isinstance(value, dt.date) or value == "":
            return value or None
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise PeriodError(f"--{name} {value!r}: expected a date as YYYY-MM-DD") from None

    period = Period(day(start, "from"), day(end, "to"))
    if period.start and period.end and period.start > period.end:
        raise PeriodError(f"the period starts ({period.start}) after it ends ({period.end})")
    return period


@dataclass
class Report:
    subject: Subject
    period: Period
    sections: dict[str, list[dict]]
    partners: list[dict]
    ego_edges: list[dict]
    undated: int = 0  # exchanges left out because the period was set and they carry no date
    labels: dict[str, str] = field(default_factory=dict)  # ISO code -> Chinese label
    ego_network: object = None  # diplograph.network.Network around the subject, for the page

    @property
    def exchanges(self) -> int:
        return sum(len(v) for v in self.sections.values())

    @property
    def is_empty(self) -> bool:
        return self.exchanges == 0

    @property
    def documents(self) -> list[str]:
        return sorted({r["document"] for rs in self.sections.values() for r in rs if r["document"]})

    @property
    def summary(self) -> dict[str, object]:
        """The headline figures, in reading order."""
        s = self.sections
        agreements = sum(int(r["count"] or 1) for r in s["agreements"])
        usd = sum(float(r["value"]) for r in s["agreements"] + s["events"]
                  if r.get("value") is not None and (r.get("currency") or "USD") == "USD")
        dates = sorted(d for rs in s.values() for r in rs for d in (r["start"], r["end"]) if d)
        return {
            "meetings": len(s["meetings"]),
            "visits in": len(s["visits_in"]),
            "visits out": len(s["visits_out"]),
            "events": len(s["events"]),
            "agreements signed": agreements,
            "deal value (USD)": _money(usd) if usd else "–",
            "partners": len(self.partners),
            "source documents": len(self.documents),
            "first and last date": f"{dates[0]} – {dates[-1]}" if dates else "–",
        }

    def timeline_figure(self):
        """Every dated exchange on one lane per kind, against time."""
        fig = _figure(9, 2.6)
        ax = fig.add_subplot()
        lanes = [k for k in TIMELINE_LANES if self.sections[k]]
        for y, key in enumerate(lanes):
            for r in self.sections[key]:
                start, end = r["start"], r["end"] or r["start"]
                if start is None:
                    continue
                colour = LANE_COLOURS[key]
                if end > start:
                    ax.plot([start, end], [y, y], color=colour, linewidth=6, alpha=0.6,
                            solid_capstyle="butt")
                ax.plot([start], [y], "o", color=colour, markersize=7)
        ax.set_yticks(range(len(lanes)), [TIMELINE_LANES[k] for k in lanes])
        ax.set_ylim(-0.7, max(len(lanes), 1) - 0.3)
        dates = [d for k in lanes for r in self.sections[k] for d in (r["start"], r["end"]) if d]
        if dates:
            # a few days' span would otherwise be labelled in hours
            first, last = min(dates), max(dates)
            pad = max(dt.timedelta(days=20), (last - first) / 20)
            ax.set_xlim(first - pad, last + pad)
        import matplotlib.dates as mdates

        locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.grid(axis="x", alpha=0.3)
        ax.set_title(f"{self.subject.label}: exchanges over time ({self.period.label})")
        return fig

    def partners_figure(self):
        fig = _figure(6, 1.4 + 0.3 * len(self.partners[:12]))
        ax = fig.add_subplot()
        top = self.partners[:12][::-1]
        ax.barh([p["partner"] for p in top], [p["exchanges"] for p in top], color="#1f77b4")
        ax.set_xlabel("exchanges")
        ax.set_title(f"{self.subject.label}: partners")
        ax.xaxis.get_major_locator().set_params(integer=True)
        return fig

    def ego_graph(self):
        """The ego network as a networkx graph (node attributes: label, kind)."""
        import networkx as nx

        g = nx.Graph()
        for r in self.ego_edges:
            for side in ("source", "target"):
                g.add_node(str(r[side]), label=r[f"{side}Label"], kind=_local(r[f"{side}Type"]))
            g.add_edge(str(r["source"]), str(r["target"]), relation=r["relation"])
        return g

    def ego_figure(self):
        """The ego network drawn with matplotlib, the subject in the middle."""
        import networkx as nx

        from diplograph.network import CLASS_KINDS, KINDS, RELATIONS

        fig = _figure(7, 5)
        ax = fig.add_subplot()
        ax.set_axis_off()
        g = self.ego_graph()
        if not g:
            ax.text(0.5, 0.5, "no network", ha="center", va="center")
            return fig
        pos = nx.spring_layout(g, seed=7, k=1.2 / max(len(g), 1) ** 0.5)
        if self.subject.iri in pos:
            pos = {n: (p - pos[self.subject.iri]) for n, p in pos.items()}
        edge_colours = [RELATIONS.get(d["relation"], ("", "#bbbbbb"))[1] for *_, d in g.edges(data=True)]
        nx.draw_networkx_edges(g, pos, ax=ax, edge_color=edge_colours, alpha=0.6)
        colours = [KINDS[CLASS_KINDS[g.nodes[n]["kind"]]][1] if g.nodes[n]["kind"] in CLASS_KINDS
                   else "#999999" for n in g]
        sizes = [900 if n == self.subject.iri else 300 for n in g]
        nx.draw_networkx_nodes(g, pos, ax=ax, node_color=colours, node_size=sizes, alpha=0.9)
        nx.draw_networkx_labels(g, pos, ax=ax, labels={n: g.nodes[n]["label"] for n in g},
                                font_size=9, font_family=configure_fonts() or "sans-serif")
        ax.set_title(f"{self.subject.label}: ego network")
        return fig

    def ego_network_html(self) -> str:
        """The ego network as a self-contained interactive pyvis page (vis-network inlined)."""
        from diplograph.network import render_page

        return render_page(self.ego_network, title=f"{self.subject.label}: network")


def _local(iri: object) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def _money(value: float) -> str:
    if value >= 1e8:
        return f"{value / 1e8:,.2f} 亿 USD ({value:,.0f})"
    return f"{value:,.0f} USD"


def _split(value: object) -> str:
    return "、".join(v for v in str(value or "").split("|") if v)


def _subject_rows(store: Store, name: str, subject: Subject) -> list[dict]:
    return rows(run_query(store, load_query(name), {"subject": URIRef(subject.iri)}))


def _prepare(row: dict) -> dict:
    for key in ("participants", "attendees", "destinations", "roles", "sectors", "signatories"):
        if key in row:
            row[key] = _split(row[key])
    if row.get("end") is None:
        row["end"] = row.get("start")
    if "value" in row:
        row["value_text"] = _money(float(row["value"])) if row["value"] is not None else ""
        if row["value"] is not None and row.get("currency") not in (None, "USD"):
            row["value_text"] = f"{float(row['value']):,.0f} {row['currency']}"
    if "count" in row:
        row["count_text"] = "" if row["count"] is None else (
            f"{row['count']}+" if row.get("atLeast") else str(row["count"]))
    if row.get("roles"):
        row["roles"] = row["roles"].replace(": attended", " (attended)").replace(
            ": spoke", " (spoke)").replace(": organized", " (organized)").replace(
            ": signed", " (signed)")
    return row


def relationship_report(store: Store, subject: str | Subject, start: str | dt.date | None = None,
                        end: str | dt.date | None = None) -> Report:
    """The relationship report on `subject` (a name, code or Subject) between `start` and `end`
    (ISO dates, either may be None). Undated exchanges are kept only when no period is given."""
    period = parse_period(start, end)
    if not isinstance(subject, Subject):
        subject = resolve_subject(store, subject)
    visits = [_prepare(r) for r in _subject_rows(store, "report-visits", subject)]
    found = {
        "meetings": [_prepare(r) for r in _subject_rows(store, "report-meetings", subject)],
        "visits_in": [r for r in visits if r["direction"] == "in"],
        "visits_out": [r for r in visits if r["direction"] == "out"],
        "visits_other": [r for r in visits if r["direction"] == "other"],
        "events": [_prepare(r) for r in _subject_rows(store, "report-events", subject)],
        "agreements": [_prepare(r) for r in _subject_rows(store, "report-agreements", subject)],
    }
    sections = {k: [r for r in rs if period.holds(r["start"], r["end"])] for k, rs in found.items()}
    undated = sum(1 for rs in found.values() for r in rs if r["start"] is None and r["end"] is None
                  and not period.holds(None, None))
    labels = _place_labels(store)
    partners = _rank_partners(subject, sections, labels)
    ego = _ego_edges(store, subject, period)
    return Report(subject, period, sections, partners, ego, undated, labels,
                  _ego_network(store, subject, period))


def _ego_network(store: Store, subject: Subject, period: Period):
    """The subject and its neighbours in the period, as the network page draws them."""
    from diplograph.network import Network, NetworkError, NetworkFilter, network_view

    flt = NetworkFilter(focus=subject.iri, hops=1,
                        year_from=period.start.year if period.start else None,
                        year_to=period.end.year if period.end else None)
    try:
        return network_view(store, flt, strict=False)
    except NetworkError:  # the subject takes part in no edge of the network
        return Network({}, [])


def _place_labels(store: Store) -> dict[str, str]:
    out = {}
    for subject, _names in _subject_names(store):
        if subject.code:
            out[subject.code] = subject.label
    return out


def _rank_partners(subject: Subject, sections: dict[str, list[dict]],
                   labels: dict[str, str]) -> list[dict]:
    """Counterpart countries and provinces by number of exchanges. Partners are abroad: the
    subject's own country (a province's, an official's) and that country's provinces are not."""
    own = {subject.code, *subject.home} - {None}
    countries = {c.split("-")[0] for c in own}

    def is_partner(code: str) -> bool:
        return code not in own and code.split("-")[0] not in countries

    counts: Counter = Counter()
    for rs in sections.values():
        for r in rs:
            codes = set(str(r.get("countries") or "").split("|"))
            counts.update(c for c in codes if c and is_partner(c))
    return [{"code": c, "partner": labels.get(c, c), "exchanges": n}
            for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _ego_edges(store: Store, subject: Subject, period: Period) -> list[dict]:
    edges = []
    seen: set[tuple[str, str]] = set()
    for r in sorted(_subject_rows(store, "report-ego-edges", subject),
                    key=lambda r: r["relation"] == "of"):
        date = r["date"]
        if not period.holds(date, date) and r["relation"] != "of":
            continue
        pair = (str(r["source"]), str(r["target"]))
        if r["relation"] in ("of", "from", "held in") and pair in seen:
            continue
        seen.add(pair)
        edges.append(r)
    nodes = {str(r["source"]) for r in edges if r["relation"] != "of"} | {
        str(r["target"]) for r in edges if r["relation"] != "of"}
    # an "of" edge only links people who appear in an exchange kept for the period
    return [r for r in edges if r["relation"] != "of" or str(r["source"]) in nodes]


# -- rendering ------------------------------------------------------------------------------------

def _cell(value: object) -> str:
    if value is None:
        return ""
    return str(value).replace("\n", " ")


def _intro(report: Report) -> str:
    kind = KIND_LABELS.get(report.subject.kind, report.subject.kind)
    return f"{report.subject.title}, {kind}; period: {report.period.label}."


def _none_found(report: Report) -> str:
    return "None found." if report.period == Period() else "None in this period."


def _empty_note(report: Report) -> str:
    note = (f"No exchanges of {report.subject.label} were found in the graph for "
            f"{report.period.label}.")
    if report.undated:
        note += f" {report.undated} exchange(s) carry no date and so cannot be placed in a period."
    return note


def report_markdown(report: Report, figure_dir: Path | None = None) -> str:
    """The report as Markdown; figures are written as PNGs into `figure_dir` when given."""
    lines = [f"# Relationship report: {report.subject.label}", "", _intro(report), ""]
    if report.is_empty:
        return "\n".join([*lines, _empty_note(report), ""])
    lines += ["## Summary", "", "| figure | value |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in report.summary.items()]
    if report.undated:
        lines += ["", f"{report.undated} undated exchange(s) are left out of this period."]
    lines.append("")
    if figure_dir is not None:
        figure_dir.mkdir(parents=True, exist_ok=True)
        figures = [("timeline", report.timeline_figure)]
        if report.partners:
            figures.append(("partners", report.partners_figure))
        if report.ego_edges:
            figures.append(("ego-network", report.ego_figure))
        for name, draw in figures:
            fig = draw()
            path = figure_dir / f"{name}.png"
            path.write_bytes(figure_png(fig))
            lines += [f"![{name}]({figure_dir.name}/{path.name})", ""]
    if report.partners:
        lines += ["## Partners 伙伴", "", "| partner | code | exchanges |", "|---|---|---|"]
        lines += [f"| {p['partner']} | {p['code']} | {p['exchanges']} |" for p in report.partners]
        lines.append("")
    for key, (title, columns) in SECTIONS.items():
        records = report.sections[key]
        if not records and key == "visits_other":
            continue
        lines += [f"## {title}", ""]
        if not records:
            lines += [_none_found(report), ""]
            continue
        cols = columns + EVIDENCE_COLUMNS
        lines += ["| " + " | ".join(h for _, h in cols) + " |", "|" + "---|" * len(cols)]
        for r in records:
            cells = [_cell(r.get(k)) for k, _ in cols]
            if r.get("source"):
                cells[-1] += f" ({r['source']})"
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


_CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC",sans-serif;margin:2em auto;
max-width:70em;padding:0 1em;color:#222;line-height:1.45}
h1{margin-bottom:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;font-size:.92em;margin:.5em 0}
th,td{border:1px solid #ddd;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#f4f4f4}td.ev{color:#555;font-size:.9em;max-width:28em}
.figures{display:flex;flex-wrap:wrap;gap:1em}.figures img{max-width:100%}
dl.summary{display:grid;grid-template-columns:repeat(auto-fill,minmax(11em,1fr));gap:.6em}
dl.summary div{background:#f6f8fa;border-radius:6px;padding:.5em .8em}
dl.summary dt{font-size:.8em;color:#666}dl.summary dd{margin:0;font-size:1.3em;font-weight:600}
iframe{width:100%;height:560px;border:1px solid #ddd}.note{color:#666}
"""


def _img(fig, alt: str) -> str:
    data = base64.b64encode(figure_png(fig)).decode("ascii")
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'


def _html_table(records: list[dict], columns: list[tuple[str, str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for _, h in columns + EVIDENCE_COLUMNS)
    body = []
    for r in records:
        cells = "".join(f"<td>{html.escape(_cell(r.get(k)))}</td>" for k, _ in columns)
        source = r.get("source") or ""
        doc = html.escape(_cell(r.get("document")))
        if source.startswith(("http://", "https://")):
            doc = f'<a href="{html.escape(source)}">{doc}</a>'
        elif source:
            doc += f"<br><small>{html.escape(source)}</small>"
        sentence = html.escape(_cell(r.get("sentence")))
        cells += f'<td class="ev">{sentence}</td><td class="ev">{doc}</td>'
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def table_html(records: list[dict], columns: list[tuple[str, str]] | None = None,
               empty: str = "None.") -> str:
    """Rows as an HTML table (columns: (key, header) pairs; default: every key of the first row)."""
    if not records:
        return f'<p class="note">{html.escape(empty)}</p>'
    columns = columns or [(k, k) for k in records[0]]
    head = "".join(f"<th>{html.escape(h)}</th>" for _, h in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_cell(r.get(k)))}</td>" for k, _ in columns)
                   + "</tr>" for r in records)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def summary_html(report: Report) -> str:
    """The headline figures, or, when there is nothing in the period, a note saying so."""
    intro = f"<p>{html.escape(_intro(report))}</p>"
    if report.is_empty:
        return intro + f'<p class="note">{html.escape(_empty_note(report))}</p>'
    items = "".join(f"<div><dt>{html.escape(k)}</dt><dd>{html.escape(str(v))}</dd></div>"
                    for k, v in report.summary.items())
    note = (f'<p class="note">{report.undated} undated exchange(s) are left out of this '
            "period.</p>" if report.undated else "")
    return f'{intro}<dl class="summary">{items}</dl>{note}'


def partners_html(report: Report) -> str:
    ranked = [{"#": n, **p} for n, p in enumerate(report.partners, 1)]
    return table_html(ranked, [("#", "#"), ("partner", "partner"), ("code", "code"),
                               ("exchanges", "exchanges")], empty="No partners in this period.")


def section_html(report: Report, key: str) -> str:
    """One table of the report (a key of SECTIONS), each row with its sentence and document."""
    records = report.sections[key]
    if not records:
        return f'<p class="note">{_none_found(report)}</p>'
    return _html_table(records, SECTIONS[key][1])


def network_iframe(report: Report) -> str:
    """The interactive ego network, embedded (srcdoc) so the page stays one file."""
    if not report.ego_edges:
        return '<p class="note">No network in this period.</p>'
    page = report.ego_network_html()
    return ('<div><iframe title="interactive ego network" sandbox="allow-scripts" '
            f'style="width:100%;height:560px;border:1px solid #ddd" '
            f'srcdoc="{html.escape(page, quote=True)}"></iframe></div>')


def report_html(report: Report) -> str:
    """The report as one HTML file: figures as data: URIs, the interactive network in an iframe's
    srcdoc, nothing fetched from the network."""
    title = f"Relationship report: {report.subject.label}"
    parts = [f"<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\">"
             f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>",
             f"<h1>{html.escape(title)}</h1>"]
    if report.is_empty:
        return "".join([*parts, summary_html(report), "</body></html>"])
    parts.append(f"<h2>Summary 概要</h2>{summary_html(report)}")
    parts.append("<h2>Timeline 时间线</h2><div class=\"figures\">"
                 + _img(report.timeline_figure(), "timeline of exchanges") + "</div>")
    if report.partners:
        parts.append("<h2>Partners 伙伴</h2><div class=\"figures\"><div>" + partners_html(report)
                     + "</div>" + _img(report.partners_figure(), "partners ranked") + "</div>")
    for key, (section_title, _columns) in SECTIONS.items():
        if not report.sections[key] and key == "visits_other":
            continue
        parts.append(f"<h2>{html.escape(section_title)}</h2>{section_html(report, key)}")
    if report.ego_edges:
        parts.append("<h2>Network 关系网络</h2><div class=\"figures\">"
                     + _img(report.ego_figure(), "ego network") + "</div>"
                     "<p class=\"note\">Interactive: drag nodes, hover edges for the sentence.</p>"
                     + network_iframe(report))
    sources = {r["document"]: r.get("source") for rs in report.sections.values() for r in rs}
    docs = "".join(f"<li>{html.escape(d)}" + (f"<br><small>{html.escape(sources[d])}</small>"
                                              if sources.get(d) else "") + "</li>"
                   for d in report.documents)
    parts.append(f"<h2>Sources 来源</h2><ul>{docs}</ul></body></html>")
    return "".join(parts)


def write_report(store: Store, subject: str, path: Path, fmt: str = "html",
                 start: str | None = None, end: str | None = None) -> Report:
    """Build the report on `subject` and write it to `path` as "html" or "md" (Markdown figures go
    beside it, in PATH-STEM_figures/)."""
    if fmt not in FORMATS:
        raise DiplographError(f"unknown report format {fmt!r}; "
                              f"expected one of {', '.join(FORMATS)}")
    report = relationship_report(store, subject, start, end)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        path.write_text(report_html(report), encoding="utf-8")
    else:
        text = report_markdown(report, path.parent / f"{path.stem}_figures")
        path.write_text(text, encoding="utf-8")
    return report


# -- the whole-graph summary written by `diplograph build` ----------------------------------------

def _table(headers: list[str], body: list[list[object]]) -> str:
    def cell(v: object) -> str:
        if v is None:
            return ""
        if isinstance(v, list):
            v = "、".join(str(x) for x in v)
        return str(v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in body]
    return "\n".join(lines)


def markdown_report(store: Store) -> str:
    """What the whole graph holds, fact type by fact type (the build's report.md)."""
    facts = list(iter_facts(store))
    by_type: dict[str, list[dict]] = {}
    for f in facts:
        by_type.setdefault(f["type"], []).append(f)
    parts = ["# diplograph report", "", "## What the graph holds", "",
             _table(["fact type", "count"], [[t, len(v)] for t, v in by_type.items()]), "",
             "For one country, province, official or organization: "
             "`diplograph report --store DIR --subject NAME`.", ""]
    sections = [
        ("Meetings", "meeting", ["participants", "start", "end", "place"]),
        ("Visits", "visit", ["leader", "origin", "destination", "start", "end", "size"]),
        ("Events", "event", ["name", "start", "end", "place"]),
        ("Agreements", "agreement", ["count", "value", "currency", "name"]),
        ("Officials", "official", ["name", "country", "titles"]),
        ("Organizations", "organization", ["name", "kind", "country"]),
    ]
    for title, fact_type, columns in sections:
        records = by_type.get(fact_type, [])
        parts += [f"## {title}", ""]
        parts += [_table(columns, [[r.get(c) for c in columns] for r in records]) if records
                  else "None found.", ""]
    return "\n".join(parts)


def write_markdown_report(store: Store, path: Path) -> Path:
    path.write_text(markdown_report(store), encoding="utf-8")
    return path
