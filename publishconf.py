"""Settings for the published hub: absolute URLs and feeds.

`invoke publish` builds with this file; it is never used for previews.
"""

import os
import sys

sys.path.append(os.path.dirname(__file__))
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("HUB_SITEURL", "https://knowledge.impactguru.co.uk")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

# Drafts are for previews only: the published site never contains them.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""

FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
