def in_lang_of(records, recipient):
    """`records` in the language of the user or partner a message is for.

    Scheduled jobs run as the server's user, in its language; what they write for a person (an activity,
    a chatter note) is read by that person, so it is rendered in theirs.
    """
    lang = (recipient and recipient.lang) or records.env.company.partner_id.lang or "en_US"
    return records.with_context(lang=lang)
