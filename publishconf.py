"""Settings for the published hub: absolute URLs and feeds.

`invoke publish` builds with this file; it is never used for previews.
"""

import os
import sys

sys.path.append(os.path.dirname(__file__))
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("HUB_SITEURL") or "https://knowledge.impactguru.co.uk"
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

# Drafts are for previews only: the published site never contains them.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""

# Where `invoke publish` deploys: "ghp-import" (GitHub Pages) or "rsync".
DEPLOY_METHOD = os.environ.get("HUB_DEPLOY_METHOD", "ghp-import")
DEPLOY_BRANCH = "gh-pages"
DEPLOY_REMOTE = "origin"
DEPLOY_RSYNC_TARGET = os.environ.get("HUB_RSYNC_TARGET", "")
# The last deployed site, which `invoke publish` and `invoke changes` compare
# with so that no published URL disappears: the deploy branch or the rsync
# target, unless this names a live sitemap (for hosts that build the hub
# themselves, such as Netlify).
DEPLOYED_SITEMAP = os.environ.get("HUB_DEPLOYED_SITEMAP", "")

FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"

# Quote request form: the published backend, taken from the environment so
# each host can choose without editing this file (see the README).
QUOTE_FORM_BACKEND = os.environ.get("HUB_QUOTE_FORM_BACKEND", "netlify")
QUOTE_FORM_FORMSPREE_ID = os.environ.get("HUB_QUOTE_FORM_FORMSPREE_ID", "")
QUOTE_FORM_ACTION = os.environ.get("HUB_QUOTE_FORM_ACTION", "")

# The Content-Security-Policy must let the quote form post to its backend.
quote_form_target = {
    "formspree": "https://formspree.io",
    "url": QUOTE_FORM_ACTION,
}.get(QUOTE_FORM_BACKEND, "")
if quote_form_target.startswith("https://"):
    CONTENT_SECURITY_POLICY = content_security_policy(  # noqa: F405
        f"'self' {quote_form_target}"
    )
