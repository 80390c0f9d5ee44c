"""Site data: the topics, products and people that articles refer to by slug,
and the company that publishes the hub.

Editors change wording in these YAML files, never in templates or Python.
"""

import os
import re
from dataclasses import dataclass, field

from . import fields
from .front_matter import FrontMatterError, load_yaml
from .mojibake import GARBLED_FIX, find_mojibake, garbled
from .problems import did_you_mean, report

MAX_DATA_CHARS = 1_000_000
# Companies House numbers: eight digits, or two letters (SC, NI, ...) and six.
COMPANY_NUMBER = re.compile(r"(?:\d{2}|[A-Z]{2})\d{6}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    description: str
    products: list = field(default_factory=list)
    resources: dict = field(default_factory=dict)
    # Phrases that mark an old-site export as this topic's (invoke import-legacy).
    keywords: list = field(default_factory=list)


@dataclass(frozen=True)
class Product:
    slug: str
    name: str
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
class Person:
    slug: str
    name: str
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


# file name -> (record class, {key: Field})
SCHEMAS = {
    "topics.yml": (
        Topic,
        {
            "name": fields.Field(fields.text, required=True),
            "description": fields.Field(fields.text, required=True),
            "products": fields.Field(fields.slug_list),
            "resources": fields.Field(fields.resource_groups),
            "keywords": fields.Field(fields.text_list),
        },
    ),
    "products.yml": (
        Product,
        {
            "name": fields.Field(fields.text, required=True),
            "tagline": fields.Field(fields.text, required=True),
            "promo": fields.Field(fields.text, required=True),
            "link_text": fields.Field(fields.text, required=True),
            "included": fields.Field(fields.text_list, required=True),
            "turnaround": fields.Field(fields.text, required=True),
            "suits": fields.Field(fields.text_list, required=True),
            "price_guidance": fields.Field(fields.text),
            "service": fields.Field(fields.slug),
            "heading": fields.Field(fields.text),
            "benefits": fields.Field(fields.text_list),
        },
    ),
    "people.yml": (
        Person,
        {
            "name": fields.Field(fields.text, required=True),
            "role": fields.Field(fields.text, required=True),
        },
    ),
    "company.yml": (
        Company,
        {
            "legal_name": fields.Field(fields.text, required=True),
            "company_number": fields.Field(fields.text, required=True),
            "registered_in": fields.Field(fields.text, required=True),
            "registered_office": fields.Field(fields.text, required=True),
            "email": fields.Field(fields.text, required=True),
            "phone": fields.Field(fields.text, required=True),
            "contact": fields.Field(fields.slug, required=True),
            "reply_time": fields.Field(fields.text, required=True),
            "confidentiality": fields.Field(fields.text, required=True),
        },
    ),
    "facts.yml": (
        Fact,
        {
            "value": fields.Field(fields.text, required=True),
            "source": fields.Field(fields.web_address),
        },
    ),
}
# Files a hub may do without.
OPTIONAL = {"facts.yml"}


def load_site_data(data_path):
    """Read and check every data file; problems are reported, bad entries left out."""
    loaded, broken = {}, set()
    for filename, (record, schema) in SCHEMAS.items():
        path = os.path.join(data_path, filename)
        loaded[filename] = _load_records(path, record, schema, broken)
    data = SiteData(
        topics=loaded["topics.yml"] or {},
        products=loaded["products.yml"] or {},
        people=loaded["people.yml"] or {},
        facts=loaded["facts.yml"] or {},
        company=_the_company(os.path.join(data_path, "company.yml"), loaded, broken),
        broken=frozenset(broken),
        unread=frozenset(name for name, records in loaded.items() if records is None),
    )
    _check_topic_products(os.path.join(data_path, "topics.yml"), data)
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
        parsed = _parse_entry(path, slug, values, schema)
        if parsed is None:
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


def _parse_entry(path, slug, values, schema):
    parsed, ok = {}, True
    for key, value in values.items():
        if key not in schema:
            report(
                path,
                f"{slug}.{key}",
                f"unknown key '{key}'",
                did_you_mean(key, schema),
            )
            ok = False
            continue
        try:
            parsed[key] = schema[key].parse(value)
        except fields.FieldError as error:
            report(path, f"{slug}.{key}", error.message, error.fix)
            ok = False
    for key, spec in schema.items():
        if spec.required and key not in values:
            report(path, f"{slug}.{key}", f"'{key}' is missing", f"Add '{key}:'.")
            ok = False
    return parsed if ok else None


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


def _check_topic_products(path, data):
    for topic in data.topics.values():
        for slug in topic.products:
            if slug not in data.products:
                report(
                    path,
                    f"{topic.slug}.products",
                    f"unknown product '{slug}'",
                    did_you_mean(slug, data.products),
                )
