"""Site data: the topics, products and people that articles refer to by slug,
and the company that publishes the hub.

Editors change wording in these YAML files, never in templates or Python.
"""

import os
import re
from dataclasses import dataclass, field, replace

from . import fields
from .front_matter import FrontMatterError, load_yaml
from .mojibake import GARBLED_FIX, find_mojibake, garbled
from .problems import did_you_mean, report
from .schema import DATA_ENTRY, check_values

MAX_DATA_CHARS = 1_000_000
# Companies House numbers: eight digits, or two letters (SC, NI, ...) and six.
COMPANY_NUMBER = re.compile(r"(?:\d{2}|[A-Z]{2})\d{6}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class Named:
    """An entry that articles refer to by slug and pages show by name."""

    slug: str
    name: str


@dataclass(frozen=True)
class Topic(Named):
    """A subject articles are grouped under, with its own page."""

    description: str
    products: list = field(default_factory=list)  # of Product
    resources: dict = field(default_factory=dict)
    # Phrases that mark an old-site export as this topic's (invoke import-legacy).
    keywords: list = field(default_factory=list)


@dataclass(frozen=True)
class Product(Named):
    """A paid service: promoted on articles, with its own page."""

    tagline: str
    promo: str
    link_text: str
    # For the product's page: what it includes, how fast, for whom, how priced.
    included: list = field(default_factory=list)
    turnaround: str | None = None
    suits: list = field(default_factory=list)
    price_guidance: str | None = None
    # The quote form's service that the product page's button chooses.
    service: str | None = None
    # Only for the product behind the quote call-to-action.
    heading: str | None = None
    benefits: list = field(default_factory=list)


@dataclass(frozen=True)
class Person(Named):
    """An editor of articles, or the company's contact."""

    role: str


@dataclass(frozen=True)
class Company:
    """The company that publishes the hub: its legal details, how to reach it
    and what it promises people who send tender documents."""

    slug: str
    legal_name: str
    company_number: str
    registered_in: str
    registered_office: str
    email: str
    phone: str
    contact: str
    reply_time: str
    confidentiality: str


@dataclass(frozen=True)
class Fact:
    """A fact several articles state, such as a legal threshold: one edit here
    changes every page that uses it ({fact:slug} in a body)."""

    slug: str
    value: str
    source: str | None = None


@dataclass(frozen=True)
class SiteData:
    topics: dict
    products: dict
    people: dict
    facts: dict = field(default_factory=dict)
    company: Company | None = None
    # Slugs whose entries have problems, and files that could not be read:
    # reported once, in the data file.
    broken: frozenset = frozenset()
    unread: frozenset = frozenset()

    def reported_missing(self, slug, filename):
        """Whether `slug` is missing because its entry, or the whole data file,
        has a problem: reported there, not again where the slug is used."""
        return slug in self.broken or filename in self.unread


# The keys most entries have.
REQUIRED_TEXT = fields.Field(fields.text, required=True)
OPTIONAL_TEXT = fields.Field(fields.text)
REQUIRED_LIST = fields.Field(fields.text_list, required=True)
OPTIONAL_LIST = fields.Field(fields.text_list)
# file name -> (record class, {key: Field})
SCHEMAS = {
    "topics.yml": (
        Topic,
        {
            "name": REQUIRED_TEXT,
            "description": REQUIRED_TEXT,
            "products": fields.Field(fields.slug_list),
            "resources": fields.Field(fields.resource_groups),
            "keywords": OPTIONAL_LIST,
        },
    ),
    "products.yml": (
        Product,
        {
            "name": REQUIRED_TEXT,
            "tagline": REQUIRED_TEXT,
            "promo": REQUIRED_TEXT,
            "link_text": REQUIRED_TEXT,
            "included": REQUIRED_LIST,
            "turnaround": REQUIRED_TEXT,
            "suits": REQUIRED_LIST,
            "price_guidance": OPTIONAL_TEXT,
            "service": fields.Field(fields.slug),
            "heading": OPTIONAL_TEXT,
            "benefits": OPTIONAL_LIST,
        },
    ),
    "people.yml": (
        Person,
        {
            "name": REQUIRED_TEXT,
            "role": REQUIRED_TEXT,
        },
    ),
    "company.yml": (
        Company,
        {
            "legal_name": REQUIRED_TEXT,
            "company_number": REQUIRED_TEXT,
            "registered_in": REQUIRED_TEXT,
            "registered_office": REQUIRED_TEXT,
            "email": REQUIRED_TEXT,
            "phone": REQUIRED_TEXT,
            "contact": fields.Field(fields.slug, required=True),
            "reply_time": REQUIRED_TEXT,
            "confidentiality": REQUIRED_TEXT,
        },
    ),
    "facts.yml": (
        Fact,
        {
            "value": REQUIRED_TEXT,
            "source": fields.Field(fields.web_address),
        },
    ),
}
# Files a hub may do without.
OPTIONAL = {"facts.yml"}


def data_file(settings, filename):
    """Where a site data file is, as problems with it are reported."""
    return f"{settings['PATH']}/{settings['HUB_DATA_PATH']}/{filename}"


def load_site_data(data_path):
    """Read and check every data file; problems are reported, bad entries left out."""
    loaded, broken = {}, set()
    for filename, (record, schema) in SCHEMAS.items():
        path = os.path.join(data_path, filename)
        loaded[filename] = _load_records(path, record, schema, broken)
    company = _the_company(os.path.join(data_path, "company.yml"), loaded, broken)
    products = loaded["products.yml"] or {}
    topics_path = os.path.join(data_path, "topics.yml")
    data = SiteData(
        topics=_with_products(topics_path, loaded["topics.yml"] or {}, products),
        products=products,
        people=loaded["people.yml"] or {},
        facts=loaded["facts.yml"] or {},
        company=company,
        broken=frozenset(broken),
        unread=frozenset(name for name, records in loaded.items() if records is None),
    )
    _check_company(os.path.join(data_path, "company.yml"), data)
    return data


def _the_company(path, loaded, broken):
    """The one entry of company.yml; None, reported, if there is not one."""
    companies = loaded["company.yml"]
    if companies is None or (not companies and broken):
        return None  # unreadable, or its entry is broken: reported already
    if len(companies) != 1:
        found = ", ".join(companies) or "no entry"
        report(
            path,
            "file",
            f"expected the one company that publishes the hub, found {found}",
            "Keep a single entry, e.g. 'impact-guru:' with its details indented.",
        )
        return None
    return next(iter(companies.values()))


def _load_records(path, record, schema, broken):
    """The file's records by slug; None if the file could not be read."""
    entries = _read_entries(path)
    if entries is None:
        return None
    records = {}
    for slug, values in entries.items():
        if not isinstance(values, dict):
            report(path, slug, "expected keys under the slug", "Indent them by 2.")
            broken.add(slug)
            continue
        parsed, wrong = check_values(values, schema, DATA_ENTRY)
        for key, message, fix in wrong:
            report(path, f"{slug}.{key}", message, fix)
        if wrong:
            broken.add(slug)
        else:
            records[slug] = record(slug=slug, **parsed)
    return records


def _read_entries(path):
    """The file's entries ({} for an empty or missing optional file); None,
    with the problem reported, if it cannot be read."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read(MAX_DATA_CHARS + 1)
        entries = load_yaml(text, 1, MAX_DATA_CHARS)
    except FileNotFoundError:
        if os.path.basename(path) in OPTIONAL:
            return {}
        problem = ("the site data file is missing", "Create it.", None)
    except UnicodeDecodeError as error:
        byte = f"{error.object[error.start]:#04x}"
        problem = (f"is not valid UTF-8 (byte {byte})", "Save it as UTF-8.", None)
    except FrontMatterError as error:
        problem = (error.message, error.fix, error.line)
    else:
        problem = None
        if entries is not None and not isinstance(entries, dict):
            problem = ("expected entries keyed by slug", "See the README.", None)
    if problem:
        report(path, "file", *problem)
        return None
    for line, excerpt in find_mojibake(text):
        report(path, "file", garbled(excerpt), GARBLED_FIX, line)
    return entries or {}


def _check_company(path, data):
    """Formats plain text cannot check, and the contact's slug."""
    company = data.company
    if company is None:
        return
    if not COMPANY_NUMBER.fullmatch(company.company_number):
        report(
            path,
            f"{company.slug}.company_number",
            f"'{company.company_number}' is not a company number",
            "Write the number Companies House gives: eight digits, or two "
            'letters and six digits, in quotes, e.g. "01234567".',
        )
    if not EMAIL.fullmatch(company.email):
        report(
            path,
            f"{company.slug}.email",
            f"'{company.email}' is not an email address",
            "Write an address such as hello@example.co.uk.",
        )
    if company.contact not in data.people:
        report(
            path,
            f"{company.slug}.contact",
            f"unknown person '{company.contact}'",
            did_you_mean(company.contact, data.people),
        )


def find_products(slugs, products):
    """The products that `slugs` name, in their order, and the slugs that
    name none."""
    found = [products[slug] for slug in slugs if slug in products]
    return found, [slug for slug in slugs if slug not in products]


def _with_products(path, topics, products):
    """The topics with their products' slugs made Products; an unknown one is
    reported, in the topics' file."""
    resolved = {}
    for slug, topic in topics.items():
        found, unknown = find_products(topic.products, products)
        for name in unknown:
            report(
                path,
                f"{slug}.products",
                f"unknown product '{name}'",
                did_you_mean(name, products),
            )
        resolved[slug] = replace(topic, products=found)
    return resolved
