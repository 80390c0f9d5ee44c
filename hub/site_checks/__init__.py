"""Quality gates over a built site, a module each: links and anchors
(links.py), page weight (weight.py), valid HTML (nu_html.py) and Lighthouse
(lighthouse.py). The first three read the files in the output folder only
(pages.py lists and parses them) and `invoke check --site` runs them together
(gates.py); Lighthouse scores a served site."""

from hub.site_checks.gates import site_gates
from hub.site_checks.pages import html_files, page_url
from hub.site_checks.tools import SiteCheckError

__all__ = ["SiteCheckError", "html_files", "page_url", "site_gates"]
