from .cron import run_batches, watch_deadlines
from .hijri import hijri_date_string, hijri_datetime_string, hijri_year
from .identity import (
    identity_number_problem,
    normalize_digits,
    normalize_identity,
    phone_to_e164,
    with_normalized_identity,
)
from .language import in_lang_of
from .sequence import next_hijri_number, number_new_records
from .transitions import (
    check_parent_change,
    check_roles,
    field_labels,
    refuse_step_fields,
    values_with_context_defaults,
)
from .text import NAME_EXTRA, bad_characters, form_text, only_characters, set_type_display_names
from .text import person_name, place_name
from .upload import EXTENSIONS, check_upload, display_name_of, read_limited, safe_filename
