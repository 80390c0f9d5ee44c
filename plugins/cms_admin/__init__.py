"""Editing in the browser: Decap CMS at /admin/.

At Pelican's `initialized` signal the `CMS_*` settings are read and checked; a
mistake, or a missing bundle, stops the build with a message saying what to
do. The result is `CMS_CONTENT_SECURITY_POLICY`, the admin's own policy,
which `_headers` and the admin page carry.

Once the site is written, the build adds admin/: the page (the theme's
`admin.html`), `config.yml` made from the content model (`decap_config`),
and Decap's bundle, copied from node_modules where `npm ci` installs the
version package-lock.json pins. The site serves it; nothing comes from a CDN.

Settings:
- `CMS_REPOSITORY`: the GitHub repository ("owner/name") the published admin
  edits, through pull requests (the editorial workflow);
- `CMS_BRANCH`: the branch pull requests go to;
- `CMS_AUTH_URL`, `CMS_AUTH_ENDPOINT`, `CMS_SITE_DOMAIN`: the OAuth client
  that signs editors in to GitHub (Decap's `base_url`, `auth_endpoint` and
  `site_domain`);
- `CMS_LOCAL_BACKEND`: the address of decap-server (`invoke serve` starts
  it), for editing the working tree without signing in; None when published;
- `CMS_BUNDLE`: the folder of Decap's built files.
"""

import logging
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pelican import signals

from content_model.build_state import state
from content_model.settings import check_plugin_order

from .decap_config import decap_config, read_data_entries

NEEDS = ("content_model",)
ADMIN_FOLDER = "admin"
GITHUB_API = "https://api.github.com"
GITHUB_AVATARS = "https://avatars.githubusercontent.com"
REPOSITORY = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
BUNDLE_SCRIPT = "decap-cms.js"
# The bundle, the chunks it loads on demand and its licence; not source maps.
BUNDLE_FILES = re.compile(
    r"(\d+\.)?decap-cms\.js|decap-cms\.js\.LICENSE\.txt|\w+\.wasm"
)

DEFAULTS = {
    "CMS_REPOSITORY": "",
    "CMS_BRANCH": "main",
    "CMS_AUTH_URL": "https://api.netlify.com",
    "CMS_AUTH_ENDPOINT": "auth",
    "CMS_SITE_DOMAIN": "",
    "CMS_LOCAL_BACKEND": None,
    "CMS_BUNDLE": str(
        Path(__file__).resolve().parents[2] / "node_modules" / "decap-cms" / "dist"
    ),
}
logger = logging.getLogger(__name__)


class CmsSettingsError(ValueError):
    """A `CMS_*` setting with which the admin cannot work."""


def _fail(setting, problem, fix):
    raise CmsSettingsError(f"{setting}: {problem}. {fix}")


def content_security_policy(local_backend=None):
    """What Decap needs and nothing more: its own scripts, which compile
    their validators at run time ('unsafe-eval') and style the page from
    script ('unsafe-inline'); GitHub's API and avatars; uploads, which it
    reads back from blob: addresses; and the local backend."""
    connect = ["'self'", "blob:", GITHUB_API]
    if local_backend:
        address = urlsplit(local_backend)
        connect.append(f"{address.scheme}://{address.netloc}")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            f"img-src 'self' data: blob: {GITHUB_AVATARS}",
            f"connect-src {' '.join(connect)}",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "object-src 'none'",
        ]
    )


def check_settings(pelican):
    settings = pelican.settings
    for key, default in DEFAULTS.items():
        settings.setdefault(key, default)
    repository = settings["CMS_REPOSITORY"] or ""
    if repository and not REPOSITORY.fullmatch(repository):
        _fail(
            "CMS_REPOSITORY",
            f"{repository!r} is not a GitHub repository",
            "Write it as owner/name, e.g. 'impactguru/knowledge-hub'.",
        )
    local = settings["CMS_LOCAL_BACKEND"]
    if local is not None and urlsplit(local).hostname not in ("127.0.0.1", "localhost"):
        _fail(
            "CMS_LOCAL_BACKEND",
            f"{local!r} is not an address on this machine",
            "Use decap-server's address, e.g. 'http://127.0.0.1:8081/api/v1', "
            "or None for the published site.",
        )
    if not settings["CMS_AUTH_URL"].startswith("https://"):
        _fail(
            "CMS_AUTH_URL",
            f"{settings['CMS_AUTH_URL']!r} is not an https:// address",
            "Set it to your OAuth client's address, e.g. 'https://api.netlify.com'.",
        )
    if not Path(settings["CMS_BUNDLE"], BUNDLE_SCRIPT).is_file():
        _fail(
            "CMS_BUNDLE",
            f"Decap CMS is not installed in {settings['CMS_BUNDLE']}",
            "Run `npm ci` in the project folder (`invoke build` does it for you).",
        )
    if not repository and local is None:
        logger.warning(
            "CMS_REPOSITORY is not set, so editors cannot sign in at /admin/. "
            "Set HUB_CMS_REPOSITORY=owner/name (GitHub Actions sets "
            "GITHUB_REPOSITORY itself)."
        )
    settings["CMS_CONTENT_SECURITY_POLICY"] = content_security_policy(local)


def keep_template(generators):
    state.current.templates["admin"] = generators[0].get_template("admin")


def write_admin(pelican):
    settings = pelican.settings
    folder = Path(pelican.output_path, ADMIN_FOLDER)
    folder.mkdir(parents=True, exist_ok=True)
    config = decap_config(settings, _backend(settings), read_data_entries(settings))
    text = yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    _write(folder / "config.yml", text.encode())
    _write(
        folder / "index.html",
        state.current.templates["admin"].render(settings).encode(),
    )
    for source in sorted(Path(settings["CMS_BUNDLE"]).iterdir()):
        if BUNDLE_FILES.fullmatch(source.name):
            _copy(source, folder / source.name)


class _Dumper(yaml.SafeDumper):
    """Writes each list in full where it is used, without YAML aliases."""

    def ignore_aliases(self, data):
        return True


def _backend(settings):
    backend = {
        "name": "github",
        "repo": settings["CMS_REPOSITORY"],
        "branch": settings["CMS_BRANCH"],
        "base_url": settings["CMS_AUTH_URL"],
        "auth_endpoint": settings["CMS_AUTH_ENDPOINT"],
        "site_domain": settings["CMS_SITE_DOMAIN"],
    }
    return {key: value for key, value in backend.items() if value}


def _write(path, data):
    """Write unless the file already holds exactly this: a preview's rebuild
    in place leaves it alone."""
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)


def _copy(source, target):
    found = source.stat()
    if target.is_file():
        kept = target.stat()
        if (kept.st_size, kept.st_mtime_ns) == (found.st_size, found.st_mtime_ns):
            return
    shutil.copy2(source, target)  # with its time, to compare next time


def register():
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(check_settings)
    signals.all_generators_finalized.connect(keep_template)
    signals.finalized.connect(write_admin)
