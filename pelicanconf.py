"""Settings for building and previewing the hub locally."""

SITENAME = "Impact Guru Knowledge Hub"
SITEURL = ""
AUTHOR = "Impact Guru Editorial Team"
PUBLISHER = "Impact Guru Ltd"
DEFAULT_EDITOR = "mike-harrison"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en-GB"


def long_date(moment):
    """31 March 2026, as GOV.UK writes dates."""
    return f"{moment.day} {moment:%B %Y}"


# Directives a <meta> policy may not carry; hosts that read _headers get them.
HEADER_ONLY_DIRECTIVES = ("frame-ancestors", "report-uri", "report-to", "sandbox")


def meta_policy(policy):
    """The Content-Security-Policy as each page's <meta> tag carries it, for
    hosts such as GitHub Pages that ignore _headers."""
    kept = [
        directive.strip()
        for directive in policy.split(";")
        if directive.split() and directive.split()[0] not in HEADER_ONLY_DIRECTIVES
    ]
    return "; ".join(kept)


JINJA_FILTERS = {"long_date": long_date, "meta_policy": meta_policy}

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages", "products"]
STATIC_PATHS = ["images"]
HUB_DATA_PATH = "data"
OUTPUT_PATH = "output"
THEME = "theme"

PLUGIN_PATHS = ["plugins"]
# Each plugin comes after those it needs (its NEEDS), as the build checks.
PLUGINS = [
    "content_model",
    "quote_cta",
    "product_pages",
    "related_resources",
    "hub_index",
    "reading_aids",
    "redirects",
    "incremental_preview",
    "cms_admin",
    "quote_form",
    "search_index",
]

# Promos on articles whose topic names none; the quote block follows the first.
DEFAULT_PRODUCTS = ["rapid-support", "monthly-retainer"]
QUOTE_CTA_PRODUCT = "bid-writing-quote"
QUOTE_CTA_AFTER_PROMOS = 1

# The "next review due" date, when an article does not set review_by.
REVIEW_PERIOD_MONTHS = 12

# Slugs come from file names; the URL is the slug.
SLUGIFY_SOURCE = "basename"
USE_FOLDER_AS_CATEGORY = False
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "topics/{slug}/"
CATEGORY_SAVE_AS = "topics/{slug}/index.html"
# Index the built site with Pagefind for the search page (plugins/search_index).
SEARCH_INDEX = True

# The hub index, search, the 404 page, and files that hosts and robots read.
# The sitemap is a template rather than pelican-sitemap: that plugin keeps state
# that a failed build never resets, so a preview stops writing sitemaps after one.
DIRECT_TEMPLATES = [
    "index",
    "search",
    "not_found",
    "robots",
    "security_headers",
    "sitemap",
    "manifest",
]
SEARCH_SAVE_AS = "search/index.html"
NOT_FOUND_SAVE_AS = "404.html"
ROBOTS_SAVE_AS = "robots.txt"
SECURITY_HEADERS_SAVE_AS = "_headers"
SITEMAP_SAVE_AS = "sitemap.xml"
MANIFEST_SAVE_AS = "manifest.webmanifest"
DEFAULT_PAGINATION = False
# Topics are the only listing pages; no tag, author or archive pages.
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
# What only some builds write (feeds are published, drafts previewed) and
# what hub.build and the redirects plugin add: no article, page or old
# address may take these names, nor those of the outputs above.
RESERVED_OUTPUTS = ["feeds/", "drafts/", "pagefind/", "_redirects", "admin/"]

# The hub is in one language. Pelican would otherwise group every article by
# slug looking for translations, comparing each with all the others.
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None

# Future-dated articles stay unpublished until their date.
WITH_FUTURE_DATES = False


def newest_first(article):
    """Newest first, then by slug: the same order in every build, whatever
    order the files were found in."""
    return (-article.date.timestamp(), article.slug)


ARTICLE_ORDER_BY = newest_first

# Summaries are plain text, escaped by the templates; only the body is Markdown.
FORMATTED_FIELDS = []
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
        # Smarty, skipping text it cannot change (content_model/typography.py).
        "content_model.typography": {},
    },
    "output_format": "html5",
}
# Each build makes its own environment, so it need not check templates for changes.
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "auto_reload": False,
}

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Pelican's own content cache stays off: the content model keeps parsed files
# in CACHE_PATH itself (content_model/parse_cache.py).
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
CACHE_PATH = ".cache"


def content_security_policy(form_action="'self'"):
    """The site works, search included, with no inline script or style."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            f"form-action {form_action}",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "object-src 'none'",
        ]
    )


CONTENT_SECURITY_POLICY = content_security_policy()

# Editing in the browser: Decap CMS at /admin/ (plugins/cms_admin; see the
# README). Previews edit the working tree through decap-server, which
# `invoke serve` starts (and points this at); publishconf.py sets GitHub.
CMS_REPOSITORY = ""
CMS_LOCAL_BACKEND = "http://127.0.0.1:8081/api/v1"

# The brand: the wordmark is theme/templates/components/wordmark.html, the
# colours are custom properties at the top of theme/static/css/hub.css. This is
# its --hub-colour-brand again, for browsers' toolbars and the web app manifest.
BRAND_COLOUR = "#3c1650"
BRAND_SHORT_NAME = "Impact Guru"

# Wording the theme shows on every page.
HUB_NAME = "Hub"
HUB_INDEX_TITLE = "Knowledge Hub"
HUB_INDEX_HEADING = "Guidance for winning and running care contracts"
HUB_INTRO = (
    "Free, practical guidance from Impact Guru, a UK bid-writing consultancy, "
    "for NHS and social care providers: tendering, procurement law, CQC "
    "inspection and contract delivery. Editors check every article and show "
    "when it was last reviewed."
)
HUB_INTRO_LINKS = [
    ("About the Knowledge Hub", "about/"),
    ("How Impact Guru can help", "services/"),
]
RECENTLY_UPDATED_HEADING = "Recently updated"
RECENTLY_UPDATED_COUNT = 5
RESOURCES_HEADING = "Useful Tender Resources"
RELATED_GUIDANCE_HEADING = "Related guidance"
# A page shows the company's details where its body has this line.
COMPANY_DETAILS_MARKER = "<!-- company-details -->"
# The end of every article: Impact Guru's services, apart from the guidance.
HELP_HEADING = "How Impact Guru can help"
HELP_INTRO = (
    "The guidance on this page is free. If you would like expert help with a "
    "tender, these are the paid services Impact Guru offers."
)
SITE_DESCRIPTION = (
    "Practical guidance on tenders, CQC inspection and contract delivery "
    "for NHS and social care providers."
)
QUOTE_PAGE_URL = "quote/"
QUOTE_LINK_TEXT = "Request a quote"
# The services page lists every product; product pages' breadcrumbs lead there.
SERVICES_LINK = ("Services", "services/")
NAVIGATION = [("Guidance", ""), SERVICES_LINK, ("About", "about/")]
FOOTER_LINKS = [
    ("About", "about/"),
    SERVICES_LINK,
    ("Contact", "contact/"),
    ("Privacy notice", "privacy/"),
    ("Accessibility statement", "accessibility/"),
]

# Quote request form: where the form on /quote/ posts (see the README).
# Previews post to the local receiver that `invoke serve` runs; publishconf.py
# chooses the published backend.
QUOTE_FORM_BACKEND = "url"
QUOTE_FORM_ACTION = "/quote/send"
QUOTE_FORM_FORMSPREE_ID = ""
QUOTE_FORM_THANKS_URL = "quote-thank-you/"
# The choices of the form's "What do you need help with?" field (its fields
# are in plugins/quote_form/fields.yml): a product's `service` is one of these
# values, which its page's button chooses.
QUOTE_FORM_SERVICES = [
    ("bid-writing", "Bid writing"),
    ("bid-review", "Bid review"),
    ("monthly-retainer", "Monthly retainer"),
    ("rapid-support", "Rapid support"),
    ("not-sure", "Not sure"),
]
# "Is this page useful?" on every article posts through the same backend.
FEEDBACK_FORM_THANKS_URL = "feedback-thank-you/"
