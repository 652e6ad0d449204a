#!/usr/bin/python3
"""Synthetic news articles with planted stories and near-duplicates, for the story benchmark.

usage: story_generator.py --count N --out DIR [--seed S] [--jobs J]

Writes N distinct Markdown articles with YAML front matter (title, excerpt, publishedDateTime,
webUrl, provider {name, domain}) and a body of several paragraphs, 1,000 files per subfolder
(DIR/articles/0000/a0000000.md ...), and DIR/truth.jsonl with one line per article:
{"path": "0000/a0000000.md", "story": "s17", "duplicateOf": null | "0412/a0412345.md"}
(paths relative to DIR/articles). The output depends only on N and the seed, never on --jobs.
Standard library only (Debian's /usr/bin/python3).

The world:
- Names are pseudo-words built from ~150 syllables: companies ("Talvoria Systems"), products
  ("Quenmar X7"), people ("Ilsa Dravonek"), places ("Port Selvaro"). Each event invents its own,
  so there are hundreds of thousands of distinct names at N = 100,000 (millions at 1M).
- Topics (N/100 of them, Zipf-like sizes: the largest holds about 1% of all articles) each have
  two or three companies, a dozen subject words (common English nouns) and a few jargon
  pseudo-words. Every article is about one event of one topic, and names the topic's company and
  subject words: articles on one topic share many words but not their event.
- An event: a kind (launch, acquisition, lawsuit, partnership, funding, outage, study, recall,
  appointment, earnings), a topic company, its own product, partner, person, place and figures
  (an amount, a percentage, a count), and a day in 2024-2025.

What is planted (proportions of N):
- stories, ~30%: events reported by 2..8 articles (sizes 2:35%, 3:25%, 4:15%, 5:10%, 6:7%, 7:5%,
  8:3%), each by a different provider, published 0-3 days after the event, sharing the event's
  names and figures but each written on its own: other title and sentence templates, other
  verbs, facts in another order and number, other context and filler, other length;
- near-duplicates, ~5%: copies of an original article (story member or singleton) under another
  URL, 60% by another provider (syndication), 40% by the same one (a repost), 0-1 days later,
  with small edits: 1-3 word substitutions, often a sentence dropped, two sentences swapped, a
  boilerplate header or footer added, the title in another case. Ground truth: the copy is
  in its original's story and its duplicateOf is the original;
- singletons, the rest (~65%): one article per event, on the same shared topics.
Files are placed in a random order, so members of a story sit in different folders.
"""
import argparse
import json
import multiprocessing
import os
import random
import sys
import zlib

SYLLABLES = """ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no
nu pa pe pi po ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zi zo bar bel bor dan del dor fen
fin gal gar gel gor har hel hol kal kar kel kor lan lar len lin lor man mar mel mor nar nel nor pal par pel por
ral rel ril ror sal sar sel sol tal tar tel tor val var vel vor zan zar zel zor bri dra fro gra kra pra tra vra
shi sha sho cha che chi qua quo xan xer wyn wen yor yan thal thor ven vin ost ard ix ax ex ul an on""".split()
COMPANY_SUFFIX = ["", "", "", " Systems", " Labs", " Group", " Health", " Motors", " Energy", " Bank", " Networks",
                  " Foods", " Pharma", " Robotics", " Media", " Capital", " Aerospace", " Games"]
PLACE_FORM = ["{}", "{}", "Port {}", "{} Valley", "New {}", "{} City", "San {}", "{}burg"]
ROLES = ["chief executive", "chief technology officer", "head of research", "finance chief", "spokesperson",
         "president", "chief operating officer", "lead analyst", "director of engineering", "founder"]
# Subject words of topics: common English nouns (and a few adjectives) that are telling words.
SUBJECT = """battery chip vaccine stadium tariff satellite server pipeline reactor turbine drone rocket telescope
camera phone laptop tablet router modem antenna cable fiber grid solar wind hydrogen diesel engine vehicle truck
train airline airport runway harbor freight cargo warehouse retail grocery pharmacy hospital clinic patient
therapy drug trial genome protein virus bacteria antibiotic insulin surgery nurse doctor school university
student teacher curriculum exam tuition housing mortgage rent landlord tenant bond stock equity dividend loan
credit deposit wallet payment crypto token ledger exchange broker fund pension insurance premium claim flood
drought wildfire hurricane earthquake storm climate carbon emission forest ocean river glacier farm crop wheat
corn coffee cocoa sugar dairy cattle fishery steel copper lithium nickel cobalt aluminum cement timber plastic
textile cotton fashion shoe furniture appliance kitchen restaurant hotel tourism cruise museum theater film
music album concert festival league tournament player coach transfer contract striker goalkeeper marathon
cycling tennis golf racing election ballot senate parliament minister court judge verdict appeal lawsuit patent
copyright privacy encryption malware ransomware firewall password browser search advertising subscription
streaming podcast newsletter software platform cloud database algorithm model robot sensor semiconductor
wafer foundry display screen speaker headset console controller keyboard printer memory storage processor""".split()
COMMON_NOUNS = """market company customer price plan year month week report analyst investor team project product
service system network industry sector region country city government agency official deal share growth demand
supply cost revenue profit loss budget target strategy decision question problem change result review test
version update feature release launch partner rival competitor leader statement interview meeting conference
event audience user developer engineer worker employee manager board office factory store site center program
policy rule law standard framework approach process effort goal record level rate number figure quarter season
schedule deadline window option choice step move shift trend pressure risk concern issue impact effect benefit""".split()
ADJECTIVES = """new major small large early late recent strong weak higher lower global local national regional
public private key final initial annual quarterly digital physical long short fast slow broad narrow clear
common rare popular modest significant critical important expected unexpected former current next previous
independent open closed steady volatile careful cautious bold ambitious complex simple""".split()
VERBS = """said noted added expects plans aims hopes wants needs shows suggests reflects follows supports
affects improves reduces increases extends expands delivers offers provides brings faces meets reaches builds
creates changes tests reviews confirms announced reported described questioned welcomed criticized""".split()
ADVERBS = "also still already now again soon recently quickly slowly largely mostly partly widely".split()
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SWAPS = {"said": "stated", "company": "firm", "new": "latest", "market": "sector", "expects": "anticipates",
         "major": "big", "plans": "intends", "customers": "clients", "also": "additionally", "year": "twelve months",
         "large": "big", "announced": "revealed", "recent": "latest", "officials": "authorities"}

# kind: (verbs, what the object is)
KINDS = {
    "launch": (["launches", "unveils", "introduces", "rolls out", "debuts", "shows off"], "product"),
    "acquisition": (["acquires", "buys", "agrees to buy", "takes over", "snaps up", "bids for"], "partner"),
    "lawsuit": (["sues", "files suit against", "takes legal action against", "brings a case against"], "partner"),
    "partnership": (["partners with", "teams up with", "signs a deal with", "joins forces with"], "partner"),
    "funding": (["raises", "secures", "closes a round of", "lands"], "amount"),
    "outage": (["restores", "apologises for the failure of", "investigates a disruption to", "fixes"], "product"),
    "study": (["publishes a study on", "releases a report on", "presents findings on", "shares data on"],
              "subject"),
    "recall": (["recalls", "pulls", "halts sales of", "issues a recall of"], "product"),
    "appointment": (["names", "appoints", "hires", "picks"], "person"),
    "earnings": (["reports revenue of", "posts sales of", "beats forecasts with", "books"], "amount"),
}
KIND_NAMES = sorted(KINDS)
STORY_SIZES = [(2, 35), (3, 25), (4, 15), (5, 10), (6, 7), (7, 5), (8, 3)]
STORY_SHARE, DUPLICATE_SHARE = 0.30, 0.05
DAYS = 730
EPOCH_DAY = 19723  # 2024-01-01
PER_FOLDER = 1000


class Rng(random.Random):
    """random.Random with cheaper draws (one random() each): the generator makes hundreds per article."""

    def _randbelow(self, n):
        return int(self.random() * n)

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def randint(self, a, b):
        return a + int(self.random() * (b - a + 1))


def rng_for(seed, *parts):
    return Rng(zlib.crc32(repr((seed,) + parts).encode()) * 1000003 + seed)


def pseudo(rng, low=2, high=3):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(low, high))).capitalize()


def company(rng):
    return pseudo(rng) + rng.choice(COMPANY_SUFFIX)


def person(rng):
    return pseudo(rng, 2, 2) + " " + pseudo(rng, 2, 4)


def place(rng):
    return rng.choice(PLACE_FORM).format(pseudo(rng))


def product(rng):
    name = pseudo(rng)
    return name + rng.choice(["", " " + rng.choice("XSQZMR") + str(rng.randint(2, 99)), " Pro", " Max", " One",
                              " " + str(rng.randint(2, 12))])


def date_of(day, seconds):
    y, m, d = civil_from_days(EPOCH_DAY + day)
    return f"{y:04d}-{m:02d}-{d:02d}T{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}Z"


def civil_from_days(z):
    z += 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (m <= 2), m, d


class World:
    def __init__(self, seed, count):
        self.seed = seed
        self.count = count
        self.topics = max(50, count // 100)
        rng = rng_for(seed, "providers")
        self.providers = []
        names = set()
        while len(self.providers) < 400:
            word = pseudo(rng)
            if word in names:
                continue
            names.add(word)
            label = word + rng.choice([" News", " Daily", " Times", " Wire", " Tech", " Post", " Herald", " Report"])
            self.providers.append((label, word.lower() + rng.choice([".com", ".net", ".news", ".co.uk", ".org"])))
        self._topic_cache = {}

    def topic(self, t):
        found = self._topic_cache.get(t)
        if found is None:
            rng = rng_for(self.seed, "topic", t)
            found = {
                "companies": [company(rng) for _ in range(rng.randint(2, 3))],
                "subjects": rng.sample(SUBJECT, 12),
                "jargon": [pseudo(rng).lower() for _ in range(3)],
            }
            if len(self._topic_cache) < 200000:
                self._topic_cache[t] = found
        return found

    def event(self, story):
        rng = rng_for(self.seed, "event", story)
        t = int(self.topics * rng.random() ** 2)  # Zipf-like: low topics are the big ones
        topic = self.topic(t)
        kind = rng.choice(KIND_NAMES)
        amount = f"${rng.randint(2, 950)}{rng.choice(['', '.' + str(rng.randint(1, 9))])} " \
                 f"{rng.choice(['million', 'million', 'billion'])}"
        return {
            "topic": topic, "kind": kind, "company": rng.choice(topic["companies"]),
            "product": product(rng), "partner": company(rng), "person": person(rng), "role": rng.choice(ROLES),
            "place": place(rng), "amount": amount, "percent": f"{rng.randint(2, 80)}.{rng.randint(0, 9)}%",
            "count": f"{rng.randint(2, 90)},{rng.randint(0, 999):03d}", "day": rng.randrange(DAYS),
            "subject": rng.choice(topic["subjects"]), "weekday": rng.choice(WEEKDAYS),
            "months": rng.randint(3, 30),
        }


def filler(rng, topic, names=()):
    """A sentence of common words, sometimes with topic words or names (only the chosen form is built)."""
    r = rng.random

    def pick(seq):
        return seq[int(r() * len(seq))]

    n1, n2, n3 = pick(COMMON_NOUNS), pick(COMMON_NOUNS), pick(COMMON_NOUNS)
    s = pick(topic["subjects"]) if r() < 0.6 else pick(COMMON_NOUNS)
    who = pick(names) if names and r() < 0.4 else "the " + n1
    form = int(r() * 6)
    if form == 0:
        text = f"{'The ' + who[4:] if who.startswith('the ') else who} {pick(VERBS)} the {pick(ADJECTIVES)} {n2} " \
               f"for {s} {n3}s"
    elif form == 1:
        text = f"The {pick(ADJECTIVES)} {s} {n1} {pick(ADVERBS)} {pick(VERBS)} {who} and the {n2}"
    elif form == 2:
        text = f"Analysts {pick(VERBS)} that {s} {n1}s {pick(VERBS)} a {pick(ADJECTIVES)} {n2} this " \
               f"{pick(PERIODS)}"
    elif form == 3:
        jargon = "and " + pick(topic["jargon"]) + " " if r() < 0.5 else ""
        text = f"In the {pick(ADJECTIVES)} {n1}, {who} {pick(VERBS)} {pick(ADJECTIVES)} {s} {jargon}{n2}s"
    elif form == 4:
        text = f"Some {n1}s {pick(VERBS)} the {pick(topic['jargon'])} {n2} as {pick(ADJECTIVES)}, " \
               f"while others {pick(VERBS)} its {s} {n3}"
    else:
        text = f"{pick(OPENERS)}, the {n1} {pick(VERBS)} {pick(ADJECTIVES)} {s} {n2}s {pick(PLACES)} the " \
               f"{pick(ADJECTIVES)} {n3}"
    return text + "."


PERIODS = ["year", "quarter", "season", "month"]
OPENERS = ["For now", "Meanwhile", "Still", "By contrast", "At the same time"]
PLACES = ["across", "in", "beyond"]


def fact_sentences(rng, e, verb, obj):
    """The event's facts, each in one of several phrasings; the caller picks some."""
    c, p, pl = e["company"], e["person"], e["place"]
    ch = rng.choice
    return [
        ch([f"{c} {verb} {obj}, the company said on {e['weekday']}.",
            f"On {e['weekday']}, {c} {verb} {obj}.",
            f"{c} confirmed that it {verb} {obj} in a statement on {e['weekday']}."]),
        ch([f"The move is valued at {e['amount']}.", f"People familiar with it put the figure at {e['amount']}.",
            f"{e['amount']} is at stake, according to filings."]),
        ch([f"{p}, the company's {e['role']}, said the decision followed {e['months']} months of work.",
            f"According to {p}, {c}'s {e['role']}, it took {e['months']} months to get here.",
            f"{c}'s {e['role']} {p} said work began {e['months']} months ago."]),
        ch([f"The first phase starts in {pl}, where {e['count']} {e['subject']}s are planned.",
            f"{pl} comes first, with {e['count']} {e['subject']}s planned there.",
            f"Plans call for {e['count']} {e['subject']}s, starting in {pl}."]),
        ch([f"Shares of {c} moved {e['percent']} after the news.", f"The stock rose {e['percent']} in early trading.",
            f"Investors sent {c} stock {e['percent']} higher."]),
        ch([f"{e['product']} is central to the plan, and {e['partner']} is involved.",
            f"The plan involves {e['partner']} and the {e['product']} line.",
            f"{e['partner']} and {c} will share work on {e['product']}."]),
        ch([f"\"We think this matters for {e['subject']} {ch(COMMON_NOUNS)}s,\" {p} said in {pl}.",
            f"\"This is a {ch(ADJECTIVES)} step for {e['subject']},\" said {p}.",
            f"{p} called it \"a {ch(ADJECTIVES)} moment\" for the {e['subject']} {ch(COMMON_NOUNS)}."]),
    ]


def write_original(world, rng, e, provider_index):
    """One article on event e: title, excerpt, paragraphs (lists of sentences)."""
    verbs, obj_kind = KINDS[e["kind"]]
    verb = rng.choice(verbs)
    obj = {"product": e["product"], "partner": e["partner"], "amount": e["amount"], "person": e["person"],
           "subject": e["subject"] + " " + rng.choice(COMMON_NOUNS) + "s"}[obj_kind]
    c = e["company"]
    title = rng.choice([
        f"{c} {verb} {obj}", f"{c} {verb} {obj} in {e['place']}", f"{c} {verb} {obj}, says {e['person']}",
        f"Why {c} {verb} {obj}", f"Report: {c} {verb} {obj}", f"{c} {verb} {obj} as {e['subject']} "
        f"{rng.choice(COMMON_NOUNS)}s {rng.choice(['shift', 'grow', 'slow', 'change'])}",
        f"{e['person']}: {c} {verb} {obj}", f"{c} {verb} {obj} worth {e['amount']}"])
    facts = fact_sentences(rng, e, verb, obj)
    lead = facts[0]
    rest = facts[1:]
    rng.shuffle(rest)
    rest = rest[:rng.randint(3, len(rest))]
    names = [c, e["person"], e["place"]] + world.topic_companies_other(e, rng)
    sentences = rest + [filler(rng, e["topic"], names) for _ in range(rng.randint(14, 30))]
    rng.shuffle(sentences)
    paragraphs = [[lead, filler(rng, e["topic"], names)]]
    while sentences:
        take = rng.randint(2, 4)
        paragraphs.append(sentences[:take])
        sentences = sentences[take:]
    excerpt = lead if rng.random() < 0.7 else lead + " " + paragraphs[0][1]
    author = person(rng)
    paragraphs.append([f"Reporting by {author} for {world.providers[provider_index][0]}."])
    return {"title": title, "excerpt": excerpt, "paragraphs": paragraphs}


def copy_of(rng, original, provider):
    """A near-duplicate: small edits of the original article."""
    title, excerpt = original["title"], original["excerpt"]
    paragraphs = [list(p) for p in original["paragraphs"]]
    style = rng.random()
    if style < 0.3:
        title = title.upper()
    elif style < 0.6:
        title = " ".join(w[:1].upper() + w[1:] for w in title.split())
    for _ in range(rng.randint(1, 3)):  # word substitutions
        p = rng.randrange(1, len(paragraphs))
        s = rng.randrange(len(paragraphs[p]))
        words = paragraphs[p][s].split(" ")
        at = [i for i, w in enumerate(words) if w in SWAPS]
        if at:
            i = rng.choice(at)
            words[i] = SWAPS[words[i]]
        else:
            words.insert(rng.randrange(len(words)), rng.choice(ADVERBS))
        paragraphs[p][s] = " ".join(words)
    if rng.random() < 0.5:  # a sentence dropped
        p = rng.randrange(1, len(paragraphs) - 1)
        if len(paragraphs[p]) > 1:
            del paragraphs[p][rng.randrange(len(paragraphs[p]))]
    if rng.random() < 0.4:  # two sentences swapped
        p = rng.randrange(1, len(paragraphs) - 1)
        if len(paragraphs[p]) > 1:
            paragraphs[p][0], paragraphs[p][-1] = paragraphs[p][-1], paragraphs[p][0]
    if rng.random() < 0.5:
        paragraphs.append([f"This article first appeared elsewhere and is republished by {provider[0]} under "
                           f"licence. Follow {provider[0]} for more news, analysis and newsletters every day."])
    if rng.random() < 0.3:
        paragraphs.insert(0, [f"{provider[0]} | Syndicated content"])
    return {"title": title, "excerpt": excerpt, "paragraphs": paragraphs}


def topic_companies_other(self, e, rng):
    return [x for x in e["topic"]["companies"] if x != e["company"]][:1]


World.topic_companies_other = topic_companies_other


def plan(seed, count):
    """Who is what: per article, ("orig", story, member) or ("copy", original article)."""
    rng = rng_for(seed, "plan")
    duplicates = round(count * DUPLICATE_SHARE)
    originals = count - duplicates
    kinds, story = [], 0
    in_stories = round(count * STORY_SHARE)
    sizes, weights = zip(*STORY_SIZES)
    while len(kinds) < in_stories:
        size = min(rng.choices(sizes, weights)[0], in_stories - len(kinds))
        if size < 2:
            break
        kinds.extend(("orig", story, member) for member in range(size))
        story += 1
    while len(kinds) < originals:
        kinds.append(("orig", story, 0))
        story += 1
    kinds.extend(("copy", rng.randrange(originals), 0) for _ in range(duplicates))
    order = list(range(count))  # order[article] = position (path)
    rng.shuffle(order)
    return kinds, order


def path_of(position):
    return f"{position // PER_FOLDER:04d}/a{position:07d}.md"


def article(world, kinds, a):
    """(text of article a as dict, provider index, day, seconds) — deterministic in (seed, a)."""
    kind, x, member = kinds[a]
    if kind == "copy":
        orig, provider, day, seconds = article(world, kinds, x)
        rng = rng_for(world.seed, "article", a)
        if rng.random() < 0.6:
            provider = (provider + 1 + rng.randrange(len(world.providers) - 1)) % len(world.providers)
        day += rng.randint(0, 1)
        return copy_of(rng, orig, world.providers[provider]), provider, day, rng.randrange(86400)
    e = world.event(x)
    story_rng = rng_for(world.seed, "providers-of", x)
    providers = story_rng.sample(range(len(world.providers)), 8)  # different providers for members
    rng = rng_for(world.seed, "article", a)
    provider = providers[member]
    day = e["day"] + (rng.randint(0, 3) if member else 0)
    return write_original(world, rng, e, provider), provider, day, rng.randrange(86400)


def render(world, a, position, text, provider, day, seconds):
    name, domain = world.providers[provider]
    date = date_of(day, seconds)
    slug = "-".join(text["title"].lower().replace(":", "").replace(",", "").replace("$", "").split()[:6])
    url = f"https://www.{domain}/{date[:4]}/{date[5:7]}/{slug}-{position}"
    body = "\n\n".join(" ".join(p) for p in text["paragraphs"])
    return (f"---\ntitle: {json.dumps(text['title'])}\nexcerpt: {json.dumps(text['excerpt'])}\n"
            f"publishedDateTime: {date}\nwebUrl: {json.dumps(url)}\nprovider:\n  name: {json.dumps(name)}\n"
            f"  domain: {domain}\n---\n{body}\n")


_state = {}


def write_folder(folder):
    world, kinds, by_position, root = _state["world"], _state["kinds"], _state["by_position"], _state["root"]
    os.makedirs(os.path.join(root, f"{folder:04d}"), exist_ok=True)
    for position in range(folder * PER_FOLDER, min((folder + 1) * PER_FOLDER, world.count)):
        a = by_position[position]
        text, provider, day, seconds = article(world, kinds, a)
        # os.open/os.write: Python's open() costs several times more system time per small file.
        fd = os.open(os.path.join(root, path_of(position)), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, render(world, a, position, text, provider, day, seconds).encode())
        finally:
            os.close(fd)
    return folder


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    world = World(a.seed, a.count)
    kinds, order = plan(a.seed, a.count)
    by_position = [0] * a.count
    for article_index, position in enumerate(order):
        by_position[position] = article_index
    root = os.path.join(a.out, "articles")
    os.makedirs(root, exist_ok=True)
    _state.update(world=world, kinds=kinds, by_position=by_position, root=root)
    folders = range((a.count + PER_FOLDER - 1) // PER_FOLDER)
    if a.jobs > 1:
        with multiprocessing.get_context("fork").Pool(a.jobs) as pool:
            for done in pool.imap_unordered(write_folder, folders):
                if done % 50 == 0:
                    print(f"folder {done} written", file=sys.stderr)
    else:
        for folder in folders:
            write_folder(folder)
    with open(os.path.join(a.out, "truth.jsonl"), "w", encoding="utf-8") as f:
        for position in range(a.count):
            kind, x, _ = kinds[by_position[position]]
            story = kinds[x][1] if kind == "copy" else x
            dup = path_of(order[x]) if kind == "copy" else None
            f.write(json.dumps({"path": path_of(position), "story": f"s{story}", "duplicateOf": dup}) + "\n")


if __name__ == "__main__":
    main()
