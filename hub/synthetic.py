"""A synthetic hub of N articles, for the benchmark (`invoke bench`).

`write_hub` writes articles in the hub's content model (YAML front-matter, see
the README) with the real topics, products and people from `content/data/`,
and a product page for each product. `write_bare` writes the same articles for
bare Pelican: the same Markdown bodies with Pelican's `Key: value` metadata.
The corpus is the same for the same seed, size and day: dates are counted
back from today, and review dates forward, so the hub never goes out of date.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml

from content_model.site_data import SCHEMAS
from quote_cta import QUOTE_MARKER

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "content" / "data"
BODY_WORDS = 900

TAGS = [
    "method statements",
    "quality questions",
    "social value",
    "TUPE",
    "mobilisation",
    "KPIs",
    "CQC",
    "single assessment framework",
    "well-led",
    "safeguarding",
    "governance",
    "incident reporting",
    "Procurement Act 2023",
    "provider selection regime",
    "frameworks",
    "dynamic markets",
    "clarification questions",
    "bid library",
    "case studies",
    "pricing",
    "evaluation",
    "moderation",
    "word limits",
    "evidence",
    "workforce",
    "recruitment",
    "training",
    "partnership working",
    "co-production",
    "outcomes",
    "risk registers",
    "business continuity",
    "data protection",
    "information governance",
    "complaints",
    "feedback",
    "contract management",
    "bid strategy",
    "pipeline",
    "go/no-go",
]
WORDS = [
    "provider",
    "service",
    "contract",
    "tender",
    "commissioner",
    "evaluation",
    "answer",
    "evidence",
    "quality",
    "score",
    "outcome",
    "staff",
    "people",
    "care",
    "support",
    "plan",
    "risk",
    "safeguarding",
    "governance",
    "training",
    "audit",
    "review",
    "feedback",
    "team",
    "manager",
    "policy",
    "procedure",
    "partner",
    "community",
    "value",
    "measure",
    "target",
    "report",
    "data",
    "record",
    "incident",
    "learning",
    "improvement",
    "inspection",
    "rating",
    "framework",
    "regime",
    "procurement",
    "award",
    "mobilisation",
    "transfer",
    "deadline",
    "submission",
    "question",
    "criteria",
    "weighting",
    "clear",
    "specific",
    "measurable",
    "realistic",
    "local",
    "accountable",
    "timely",
    "safe",
    "effective",
    "caring",
    "responsive",
    "well-led",
    "practical",
    "robust",
    "proportionate",
    "consistent",
    "describe",
    "explain",
    "show",
    "demonstrate",
    "deliver",
    "monitor",
    "agree",
    "assess",
    "check",
    "record",
    "improve",
    "involve",
    "plan",
    "prepare",
    "publish",
    "respond",
    "share",
    "train",
    "write",
]
HEADINGS = [
    "What the commissioner is looking for",
    "Start from the question",
    "Evidence that scores",
    "Common mistakes",
    "A worked example",
    "Checking your answer",
    "Working with your team",
    "Before you submit",
    "What to do next",
    "How evaluators read it",
]
EXTERNAL = [
    ("CQC: quality statements", "https://www.cqc.org.uk/assessment/quality-statements"),
    ("Procurement Act 2023", "https://www.legislation.gov.uk/ukpga/2023/54"),
    (
        "Social Value Model",
        "https://www.gov.uk/government/publications/social-value-model",
    ),
]
GROUPS = ["Service support", "Quality boost", "Build foundations"]


@dataclass
class Article:
    slug: str
    title: str
    date: date
    topic: str
    tags: list
    summary: str
    body: str
    front_matter: dict = field(default_factory=dict)


def load_data():
    """The real site data; topics lose their default resources (real slugs)."""
    data = {
        Path(filename).stem: yaml.safe_load((DATA / filename).read_text("utf-8"))
        for filename in SCHEMAS
        if (DATA / filename).exists()
    }
    for topic in data["topics"].values():
        topic.pop("resources", None)
    return data


def make_articles(count, seed=8, data=None, today=None):
    """`count` articles with front-matter and ~900-word bodies, deterministic
    for a given `today` (default: the real one)."""
    data = data or load_data()
    today = today or date.today()
    rng = random.Random(seed)
    topics = list(data["topics"])
    products = [slug for slug in data["products"] if slug != "bid-writing-quote"]
    slugs = [_slug(rng, number) for number in range(count)]
    articles = []
    for number, slug in enumerate(slugs):
        others = [other for other in slugs if other != slug] if count < 50 else None
        pick = _picker(rng, slugs, slug, others)
        title = _sentence(rng, 4, 8).rstrip(".")
        summary = _sentence(rng, 12, 20)[:150].rstrip(" .") + "."
        front = {
            "title": title,
            # Published: never today or later, which would make it scheduled.
            "date": today - timedelta(days=1 + rng.randrange(1200)),
            "topic": rng.choice(topics),
            "tags": rng.sample(TAGS, rng.randint(2, 5)),
            "summary": summary,
            "editor": "mike-harrison",
        }
        # Reviews are kept up to date: none is overdue or due within 30 days.
        front["review_by"] = today + timedelta(days=31 + rng.randrange(335))
        if rng.random() < 0.3:
            modified = front["date"] + timedelta(days=rng.randrange(1, 200))
            front["modified"] = min(modified, today)
        if products and rng.random() < 0.7:
            front["products"] = rng.sample(products, rng.randint(1, len(products)))
        if count > 1 and rng.random() < 0.5:
            front["resources"] = _resources(rng, pick, products)
        if count > 1:
            front["related"] = list(
                dict.fromkeys(pick() for _ in range(rng.randint(0, 2)))
            )
        marker = number % 20 == 7
        if number % 25 == 3:
            front["cta"] = "none"
        body = _body(rng, pick if count > 1 else None, marker=marker)
        articles.append(
            Article(
                slug,
                title,
                front["date"],
                front["topic"],
                front["tags"],
                summary,
                body,
                front,
            )
        )
    return articles


def write_hub(folder, count, seed=8, today=None):
    """The hub's content folder for `count` articles; returns the articles."""
    content = Path(folder)
    data = load_data()
    for name in ("articles", "pages", "products", "data"):
        (content / name).mkdir(parents=True, exist_ok=True)
    for name, entries in data.items():
        (content / "data" / f"{name}.yml").write_text(
            yaml.safe_dump(entries, sort_keys=False), "utf-8"
        )
    for slug, product in data["products"].items():
        text = yaml.safe_dump(
            {"title": product["name"], "summary": f"About {product['name']}."},
            sort_keys=False,
        )
        body = product.get("promo", product["name"])
        (content / "products" / f"{slug}.md").write_text(f"---\n{text}---\n{body}\n")
    articles = make_articles(count, seed, data, today)
    for article in articles:
        text = yaml.safe_dump(article.front_matter, sort_keys=False, allow_unicode=True)
        path = content / "articles" / f"{article.slug}.md"
        path.write_text(f"---\n{text}---\n{article.body}", "utf-8")
    return articles


def write_bare(folder, articles, data=None):
    """The same articles for bare Pelican: `Key: value` metadata, no site data."""
    content = Path(folder) / "articles"
    content.mkdir(parents=True, exist_ok=True)
    topics = (data or load_data())["topics"]
    for article in articles:
        lines = [
            f"Title: {article.title}",
            f"Date: {article.date:%Y-%m-%d}",
            f"Category: {topics[article.topic]['name']}",
            f"Tags: {', '.join(article.tags)}",
            f"Summary: {article.summary}",
        ]
        text = "\n".join(lines) + "\n\n" + article.body
        (content / f"{article.slug}.md").write_text(text, "utf-8")


def _slug(rng, number):
    return f"{rng.choice(WORDS)}-{rng.choice(WORDS)}-{number:05d}"


def _picker(rng, slugs, own, others):
    """A function returning a random other article's slug."""
    if others is not None:
        return lambda: rng.choice(others)

    def pick():
        while True:
            slug = rng.choice(slugs)
            if slug != own:
                return slug

    return pick


def _resources(rng, pick, products):
    groups = {}
    for name in rng.sample(GROUPS, rng.randint(1, 2)):
        links = [{"article": pick()}]
        if products and rng.random() < 0.5:
            links.append({"product": rng.choice(products)})
        if rng.random() < 0.3:
            title, url = rng.choice(EXTERNAL)
            links.append({"title": title, "url": url})
        groups[name] = links
    return {"mode": rng.choice(["add", "add", "replace"]), "groups": groups}


def _sentence(rng, low, high):
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng, words):
    sentences, count = [], 0
    while count < words:
        sentence = _sentence(rng, 10, 20)
        sentences.append(sentence)
        count += len(sentence.split())
    return " ".join(sentences), count


def _body(rng, pick, marker=False):
    """~900 words: an intro, `##` sections, a bullet list, 2-3 article links."""
    blocks, words = [], 0
    intro, count = _paragraph(rng, 70)
    blocks.append(intro)
    words += count
    headings = rng.sample(HEADINGS, 6)
    links = rng.randint(2, 3) if pick else 0
    for number, heading in enumerate(headings):
        blocks.append(f"## {heading}")
        paragraph, count = _paragraph(rng, 60)
        if number < links:
            text = " ".join(rng.choice(WORDS) for _ in range(3))
            paragraph += f" See [{text}]({{filename}}{pick()}.md) for more."
        blocks.append(paragraph)
        words += count
        if number % 2 == 0:
            items = [_sentence(rng, 5, 10) for _ in range(rng.randint(3, 5))]
            blocks.append("\n".join(f"- {item}" for item in items))
            words += sum(len(item.split()) for item in items)
        if marker and number == 2:
            blocks.append(QUOTE_MARKER)
        paragraph, count = _paragraph(rng, max(20, (BODY_WORDS - words) // 8))
        blocks.append(paragraph)
        words += count
    while words < BODY_WORDS:
        paragraph, count = _paragraph(rng, 60)
        blocks.append(paragraph)
        words += count
    return "\n\n".join(blocks) + "\n"
