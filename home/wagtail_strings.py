"""Polish (and Ukrainian) for strings of Wagtail 8's admin and wagtail-localize that their own catalogues lack.

Listed with gettext_noop so that `make messages` keeps them in home's catalogue; our apps'
catalogues take precedence over Wagtail's (they come first in INSTALLED_APPS), so the admin shows
these translations. tests/test_admin_polish.py finds new gaps: add them here.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

WAGTAIL_STRINGS = [
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    gettext_noop("A network error occurred"),
    gettext_noop("Actions (footer)"),
    gettext_noop("Add a concise description for search engines"),
    gettext_noop("Add or show comments"),
    gettext_noop("Anyone"),
    gettext_noop("Application"),
    gettext_noop("Checks"),
    gettext_noop("Close modal dialogs (like this one)"),
    gettext_noop("Correct the validation errors to resume preview (saving will highlight errors)"),
    gettext_noop("Empty frame title found"),
    gettext_noop("Enable custom keyboard shortcuts specific to Wagtail."),
    gettext_noop("Go to the first error"),
    gettext_noop("Grid layout"),
    gettext_noop("How we calculate our metrics"),
    gettext_noop("Input button text is empty"),
    gettext_noop("Is commenting action"),
    gettext_noop("Keyboard shortcuts are currently enabled; manage your %(account_link)s to disable them."),
    gettext_noop("List layout"),
    gettext_noop("Locked by"),
    gettext_noop("Login"),
    gettext_noop("Maximum"),
    gettext_noop("Maximum filesize: %(max_upload_size)s."),
    gettext_noop("Meta description is empty"),
    gettext_noop("Minimum"),
    gettext_noop("Profile"),
    gettext_noop("Readability"),
    gettext_noop('See our <a href="%(guide_link)s" target="_blank">content checks guide</a> for more information '
                 'on how content metrics are calculated.'),
    gettext_noop("Show keyboard shortcuts"),
    gettext_noop("Subscript"),
    gettext_noop("Superscript"),
    gettext_noop("Text editing"),
    gettext_noop("There are no %(model_name)s to display."),
    gettext_noop('There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?'),
    gettext_noop("This data explained"),
    gettext_noop("To be created by %(user)s"),
    gettext_noop("Toggle checks"),
    gettext_noop("Toggle minimap"),
    gettext_noop("Troubleshoot your connection to the site before proceeding. Open the editor in a separate tab to "
                 "view the last saved version."),
    gettext_noop("Usage count"),
    gettext_noop("Usage count: (high to low)"),
    gettext_noop("Usage count: (low to high)"),
    gettext_noop("Use server language: %(language_name)s"),
    gettext_noop("Use server time zone"),
    gettext_noop("View latest version"),
    gettext_noop("We calculate reading time from word count, using different reading speeds for different "
                 "languages."),
    gettext_noop("We extract the main content from the page preview, remove all formatting, and calculate the "
                 "number of words."),
    gettext_noop("We use a readability formula based on length of words and sentences. Long sentences and words "
                 "result in a worse readability score."),
    gettext_noop("exact"),
    gettext_noop("system"),
    gettext_noop("workflow"),
]

# Plural strings (never evaluated here: ngettext_lazy only marks them for `make messages`).
WAGTAIL_PLURALS = [
    ngettext_lazy('%(total)s Document <span class="w-sr-only">created in %(site_name)s</span>',
                  '%(total)s Documents <span class="w-sr-only">created in %(site_name)s</span>', "total"),
    ngettext_lazy('%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
                  '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>', "total"),
]

# wagtail-localize's strings (Python and templates) its own Polish or Ukrainian catalogue lacks;
# home/tests/test_localize_strings.py lists every string of its catalogue and fails on a new gap.
# Its translation editor (JavaScript) reads its own JS catalogue plus the project's
# locale/<lang>/LC_MESSAGES/djangojs.po, which holds the editor's missing Ukrainian strings.
WAGTAIL_LOCALIZE_STRINGS = [
    gettext_noop("Apply machine translations to the incoming changes."),
    gettext_noop("Apply the updates and publish immediately. The changes will use the original language until "
                 "translated."),
    gettext_noop("Apply the updates and publish immediately. The changes will use the original language until "
                 'translated unless you also select "Use machine translation".'),
    gettext_noop("Converted page '%(title)s' to an alias of the translation source page '%(source_title)s'"),
    gettext_noop("Converted page to an alias of the translation source page"),
    gettext_noop("Editing %(object_type)s %(title)s"),
    gettext_noop("No, leave it as a page"),
    gettext_noop("Start Synced translation"),
    gettext_noop("Sync translated %(model_name)s"),
    gettext_noop("Use machine translation"),
]
