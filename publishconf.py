"""Settings for the published hub: absolute URLs and feeds.

`invoke publish` builds with this file; it is never used for previews.
"""

import os
import re
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


def github_repository(address):
    """owner/name from the address of a GitHub repository, such as the
    REPOSITORY_URL that Netlify sets; "" for anything else."""
    found = re.fullmatch(
        r"(?:https://github\.com/|git@github\.com:)([\w.-]+/[\w.-]+?)(?:\.git)?/?",
        address,
    )
    return found.group(1) if found else ""


# /admin/ edits the GitHub repository through pull requests, signing editors
# in with an OAuth client (see "Editing in the browser" in the README). GitHub
# Actions and Netlify say which repository they build.
CMS_REPOSITORY = (
    os.environ.get("HUB_CMS_REPOSITORY")
    or os.environ.get("GITHUB_REPOSITORY")
    or github_repository(os.environ.get("REPOSITORY_URL", ""))
)
# An unset repository variable reaches a workflow as "", hence `or`.
CMS_BRANCH = os.environ.get("HUB_CMS_BRANCH") or "main"
CMS_AUTH_URL = os.environ.get("HUB_CMS_AUTH_URL") or "https://api.netlify.com"
CMS_SITE_DOMAIN = os.environ.get("HUB_CMS_SITE_DOMAIN", "")
CMS_LOCAL_BACKEND = None

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
