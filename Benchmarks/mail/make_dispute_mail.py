#!/usr/bin/env python3
"""Writes the labelled dispute e-mail set: each clean text of dispute_texts.py wrapped into three
e-mail variants (of the twelve below), deterministically (no randomness: same output every run).

    python3 Benchmarks/mail/make_dispute_mail.py OUT_DIR

OUT_DIR gets one .eml file per item (an .mbox per thread item) and labels.jsonl with one line per
item: id (the Message-ID of the item's latest message, which `triage score` uses as record id),
text (the clean dispute text), language, subject, severity (the intended labels) and variant.

Variants (each also mixes in signatures, notices and quoted history that should be removed):
  plain       text/plain UTF-8 8bit, closing + contact-block signature
  qp-reply    quoted-printable UTF-8, top-posted reply above a `>`-quoted dunning reminder
  b64-outlook base64 UTF-8, confidentiality notice, Outlook header block (From/Sent/To/Subject or
              De/Envoyé/À/Objet) above the earlier reminder
  legacy      Windows-1252 (English) or ISO-8859-1 / ISO-8859-15 (French), quoted-printable or 8bit
  html-only   Outlook-style HTML only (quoted-printable), with its HTML reply header block
  alternative multipart/alternative plain + HTML (Gmail-style quote in <blockquote>), notice, mobile footer
  fwd-inline  forwarded inline with no note ("---------- Forwarded message ---------" / "Message transféré")
  fwd-attach  forwarded as a message/rfc822 attachment with no text of its own
  thread      an mbox thread: the dispute, the supplier's acknowledgement, the customer's follow-up
  bottom      bottom-posted reply: attribution and `>` quote first, the dispute below
  html-b64    base64 HTML with <br>, entities and an HTML table signature
  mixed-2231  multipart/mixed: RFC 2047 subject, QP text with "-----Original Message-----" history,
              a PDF attachment with an RFC 2231 file name
"""

import base64
import json
import os
import quopri
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dispute_texts import TEXTS  # noqa: E402

VARIANTS = [
    "plain",
    "qp-reply",
    "b64-outlook",
    "legacy",
    "html-only",
    "alternative",
    "fwd-inline",
    "fwd-attach",
    "thread",
    "bottom",
    "html-b64",
    "mixed-2231",
]

CUSTOMERS = [
    ("Priya Raman", "priya.raman@northgate.example", "Northgate Dental"),
    ("Marie Lefèvre", "m.lefevre@boulangerie-aubert.example", "Boulangerie Aubert"),
    ("Tom Becker", "tbecker@harbor-logistics.example", "Harbor Logistics"),
    ("Julien Moreau", "jmoreau@atelier-moreau.example", "Atelier Moreau"),
]
SUPPLIER = ("Accounts Receivable", "ar@supplier.example")

SIGNATURE = {
    "en": "Best regards,\n{name}\nPurchasing Manager\n{company}\nPhone: +1 555 0142\nwww.example.com",
    "fr": "Cordialement,\n{name}\nResponsable achats\n{company}\nTél. : +33 1 23 45 67 89\n12 rue des Lilas, 69003 Lyon",
}
NOTICE = {
    "en": "CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the "
    "addressee. If you are not the intended recipient, please notify the sender and delete this message.",
    "fr": "Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention exclusive de ses "
    "destinataires. Si vous avez reçu ce message par erreur, merci d'en avertir l'expéditeur et de le détruire.",
}
REMINDER = {
    "en": "Dear customer,\n\nOur records show that invoice {inv} is now 45 days overdue. Please arrange payment "
    "immediately. If payment is not received within 7 days, your account will be passed to our collections "
    "agency and legal proceedings may follow.\n\nAccounts Receivable",
    "fr": "Madame, Monsieur,\n\nSauf erreur de notre part, la facture {inv} reste impayée à ce jour, avec un retard de "
    "45 jours. Sans règlement sous 8 jours, nous transmettrons le dossier à notre service contentieux et "
    "engagerons une procédure judiciaire.\n\nService comptabilité",
}
ACK = {
    "en": "Hello,\n\nThank you for your message. We are looking into it and will come back to you shortly.",
    "fr": "Bonjour,\n\nMerci pour votre message. Nous regardons cela et revenons vers vous rapidement.",
}
FOLLOW_UP = {"en": "Hello,\n\nAny news on this?", "fr": "Bonjour,\n\nAvez-vous des nouvelles ?"}
MOBILE = {"en": "Sent from my iPhone", "fr": "Envoyé de mon iPhone"}


def invoice_number(text):
    match = re.search(r"(?:invoices?|factures?|INV-|F-)\s*(?:n°\s*)?([A-Z]*-?\d[\d-]*)", text, re.IGNORECASE)
    return match.group(1) if match else None


def date(day, hour=9):
    return f"{['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][day % 7]}, {day + 1} Mar 2026 {hour:02d}:15:00 +0100"


def headers(fields):
    return "".join(f"{name}: {value}\n" for name, value in fields)


def qp(text, charset="utf-8"):
    return quopri.encodestring(text.encode(charset)).decode("ascii")


def b64(text, charset="utf-8"):
    return base64.encodebytes(text.encode(charset)).decode("ascii")


def rfc2047(text, always=False):
    if not always and all(ord(c) < 128 for c in text):
        return text
    return "=?utf-8?b?" + base64.b64encode(text.encode()).decode() + "?="


def html_escape(text):
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("é", "&eacute;")
        .replace("è", "&egrave;")
        .replace("à", "&agrave;")
        .replace("'", "&#8217;")
    )


def html_paragraphs(text):
    return "".join(f"<p class=MsoNormal>{html_escape(p).replace(chr(10), '<br>')}</p>\n" for p in text.split("\n\n"))


def percent_encoded(text):
    """RFC 2231 value: non-ASCII characters as %XX of their UTF-8 bytes."""
    return "".join(c if c.isascii() else "".join(f"%{b:02X}" for b in c.encode()) for c in text)


def quote(text):
    return "\n".join("> " + line if line else ">" for line in text.split("\n"))


class Item:
    def __init__(self, index, language, text, copy):
        self.index = index
        self.language = language
        self.text = text
        self.customer = CUSTOMERS[index % 4 if language == "en" else (index % 2) * 2 + 1]
        self.inv = invoice_number(text) or f"{9000 + index}"  # texts that name no invoice get a unique number
        # The three copies of a text get different subjects: in an inbox, the same subject with
        # a reply prefix and no threading headers (a forward) would rightly join one thread.
        # The forms differ only in how the number is written, so they add no meaning.
        forms = {"en": ["Invoice {}", "Invoice #{}", "Invoice no. {}"], "fr": ["Facture {}", "Facture n° {}", "Facture no {}"]}
        self.subject = forms[language][copy].format(self.inv)

    def base_headers(self, message_id, subject=None, day=0, sender=None, extra=(), encode_subject=False):
        name, address = sender or self.customer[:2]
        return headers(
            [
                ("From", f"{rfc2047(name)} <{address}>"),
                ("To", f"{SUPPLIER[0]} <{SUPPLIER[1]}>"),
                ("Subject", rfc2047(subject or self.subject, encode_subject)),
                ("Date", date(day)),
                ("Message-ID", f"<{message_id}>"),
                ("MIME-Version", "1.0"),
                *extra,
            ]
        )

    def signature(self):
        return SIGNATURE[self.language].format(name=self.customer[0], company=self.customer[2])

    def reminder(self):
        return REMINDER[self.language].format(inv=self.inv)

    def attribution(self):
        if self.language == "en":
            return f"On {date(0, 8)}, {SUPPLIER[0]} <{SUPPLIER[1]}> wrote:"
        return f"Le lun. 2 mars 2026 à 08:15, {SUPPLIER[0]} <{SUPPLIER[1]}> a écrit :"

    def outlook_block(self, subject):
        if self.language == "en":
            return (
                f"From: {SUPPLIER[0]} <{SUPPLIER[1]}>\nSent: Monday, March 2, 2026 8:15 AM\n"
                f"To: {self.customer[0]}\nSubject: {subject}"
            )
        return f"De : {SUPPLIER[0]} <{SUPPLIER[1]}>\nEnvoyé : lundi 2 mars 2026 08:15\nÀ : {self.customer[0]}\nObjet : {subject}"


def single(body, ctype="text/plain", charset="utf-8", cte="8bit"):
    encoded = {
        "8bit": body,
        "7bit": body,
        "quoted-printable": qp(body, charset) if cte == "quoted-printable" else None,
        "base64": b64(body, charset) if cte == "base64" else None,
    }[cte]
    return f'Content-Type: {ctype}; charset="{charset}"\nContent-Transfer-Encoding: {cte}\n\n{encoded}'


def build(item, variant, message_id):
    """The raw message (or mbox) text for one variant."""
    t, lang = item.text, item.language
    re_subject = ("RE: " if lang == "en" else "RE : ") + item.subject
    reply = [("In-Reply-To", f"<reminder-{message_id}>"), ("References", f"<reminder-{message_id}>")]
    if variant == "plain":
        return item.base_headers(message_id) + single(f"{t}\n\n{item.signature()}\n")
    if variant == "qp-reply":
        body = f"{t}\n\n{item.attribution()}\n{quote(item.reminder())}\n"
        return item.base_headers(message_id, re_subject, extra=reply) + single(body, cte="quoted-printable")
    if variant == "b64-outlook":
        rule = "_" * 32
        body = f"{t}\n\n{NOTICE[lang]}\n\n{rule}\n{item.outlook_block(item.subject)}\n\n{item.reminder()}\n"
        return item.base_headers(message_id, re_subject, extra=reply) + single(body, cte="base64")
    if variant == "legacy":
        if lang == "en":
            body = t.replace("'", "\u2019") + f"\n\n{item.signature()}\n"
            return item.base_headers(message_id) + single(body, charset="windows-1252", cte="quoted-printable")
        body = f"{t}\n\n{item.signature()}\n"
        charset = "iso-8859-1" if all(ord(c) < 256 for c in body) else "iso-8859-15"  # € is not in Latin-1
        cte = "8bit" if item.index % 2 else "quoted-printable"
        raw = item.base_headers(message_id) + f"Content-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: {cte}\n\n"
        return raw.encode("utf-8") + (body.encode(charset) if cte == "8bit" else qp(body, charset).encode())
    if variant == "html-only":
        label = ("From", "Sent", "To", "Subject") if lang == "en" else ("De", "Envoyé", "À", "Objet")
        html = (
            f"<html><head><style>p.MsoNormal {{margin:0}}</style></head><body><div class=WordSection1>\n"
            f"{html_paragraphs(t)}<p class=MsoNormal>&nbsp;</p>\n"
            f"<div style='border:none;border-top:solid #E1E1E1 1.0pt'><p class=MsoNormal><b>{label[0]}:</b> {SUPPLIER[0]} "
            f"&lt;{SUPPLIER[1]}&gt;<br><b>{label[1]}:</b> {date(0, 8)}<br><b>{label[2]}:</b> {html_escape(item.customer[0])}"
            f"<br><b>{label[3]}:</b> {item.subject}</p></div>\n{html_paragraphs(item.reminder())}</div></body></html>\n"
        )
        return item.base_headers(message_id, re_subject, extra=reply) + single(html, ctype="text/html", cte="quoted-printable")
    if variant == "alternative":
        plain = f"{t}\n\n{MOBILE[lang]}\n\n{NOTICE[lang]}\n\n{item.attribution()}\n{quote(item.reminder())}\n"
        html = (
            f'<div dir="ltr">{html_paragraphs(t)}<div>{MOBILE[lang]}</div><p>{html_escape(NOTICE[lang])}</p></div>'
            f'<div class="gmail_quote"><div class="gmail_attr">{html_escape(item.attribution())}</div>'
            f'<blockquote class="gmail_quote">{html_paragraphs(item.reminder())}</blockquote></div>\n'
        )
        return (
            item.base_headers(message_id, re_subject, extra=reply + [("Content-Type", 'multipart/alternative; boundary="alt-b"')])
            + "\n--alt-b\n"
            + single(plain, cte="quoted-printable")
            + "\n--alt-b\n"
            + single(html, ctype="text/html", cte="quoted-printable")
            + "\n--alt-b--\n"
        )
    if variant == "fwd-inline":
        colleague = ("Sam Ortiz", "sam.ortiz@supplier.example")
        marker = "---------- Forwarded message ---------" if lang == "en" else "-------- Message transféré --------"
        fields = ("From", "Date", "Subject", "To") if lang == "en" else ("De", "Date", "Objet", "À")
        body = (
            f"\n{marker}\n{fields[0]}: {item.customer[0]} <{item.customer[1]}>\n{fields[1]}: {date(0)}\n"
            f"{fields[2]}: {item.subject}\n{fields[3]}: {colleague[0]} <{colleague[1]}>\n\n{t}\n"
        )
        return item.base_headers(message_id, ("Fwd: " if lang == "en" else "TR: ") + item.subject, sender=colleague) + single(
            body, cte="quoted-printable"
        )
    if variant == "fwd-attach":
        colleague = ("Sam Ortiz", "sam.ortiz@supplier.example")
        inner = item.base_headers(f"inner-{message_id}") + single(f"{t}\n\n{item.signature()}\n", cte="quoted-printable")
        return (
            item.base_headers(
                message_id,
                ("FW: " if lang == "en" else "TR : ") + item.subject,
                sender=colleague,
                extra=[("Content-Type", 'multipart/mixed; boundary="fwd-b"')],
            )
            + "\n--fwd-b\nContent-Type: message/rfc822\nContent-Disposition: attachment\n\n"
            + inner
            + "\n--fwd-b--\n"
        )
    if variant == "thread":
        first_id, ack_id = f"first-{message_id}", f"ack-{message_id}"
        first = item.base_headers(first_id, day=0) + single(f"{t}\n\n{item.signature()}\n")
        ack = item.base_headers(
            ack_id, re_subject, day=1, sender=SUPPLIER, extra=[("In-Reply-To", f"<{first_id}>"), ("References", f"<{first_id}>")]
        ) + single(f"{ACK[lang]}\n\n{item.attribution()}\n{quote(t)}\n")
        follow = item.base_headers(
            message_id,
            ("RE: " if lang == "en" else "RE : ") + re_subject,
            day=5,
            extra=[("In-Reply-To", f"<{ack_id}>"), ("References", f"<{first_id}> <{ack_id}>")],
        ) + single(
            f"{FOLLOW_UP[lang]}\n\n{item.outlook_block(re_subject)}\n\n{ACK[lang]}\n\n{quote(t)}\n", cte="quoted-printable"
        )
        # Out of date order on purpose: the thread is sorted by Date.
        return "".join(f"From {SUPPLIER[1]} Mon Mar  2 08:15:00 2026\n{m}\n" for m in (follow, first, ack))
    if variant == "bottom":
        body = f"{item.attribution()}\n{quote(item.reminder())}\n\n{t}\n"
        return item.base_headers(message_id, re_subject, extra=reply) + single(body)
    if variant == "html-b64":
        html = (
            f"<html><body>{html_paragraphs(t)}<br><table><tr><td>{'Best regards,' if lang == 'en' else 'Cordialement,'}"
            f"</td></tr><tr><td><b>{html_escape(item.customer[0])}</b></td></tr><tr><td>{html_escape(item.customer[2])}"
            f"</td></tr><tr><td>+33 1 23 45 67 89</td></tr></table></body></html>\n"
        )
        return item.base_headers(message_id) + single(html, ctype="text/html", cte="base64")
    if variant == "mixed-2231":
        separator = "-----Original Message-----" if lang == "en" else "----- Message d'origine -----"
        body = f"{t}\n\n{separator}\n{item.outlook_block(item.subject)}\n\n{item.reminder()}\n"
        name = "relevé_facture.pdf" if lang == "fr" else "statement_copy.pdf"
        return (
            item.base_headers(message_id, encode_subject=True, extra=[("Content-Type", 'multipart/mixed; boundary="mix-b"')])
            + "\nThis is a multi-part message in MIME format.\n--mix-b\n"
            + single(body, cte="quoted-printable")
            + "\n--mix-b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n"
            + f"Content-Disposition: attachment; filename*=utf-8''{percent_encoded(name)}\n\n"
            + base64.encodebytes(b"%PDF-1.4\n% generated test attachment\n").decode()
            + "\n--mix-b--\n"
        )
    raise ValueError(variant)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    labels = []
    for index, (language, subject, severity, text) in enumerate(TEXTS):
        for j in range(3):
            item = Item(index, language, text, j)
            variant = VARIANTS[(index * 3 + j) % len(VARIANTS)]
            message_id = f"dm-{index:03d}-{variant}@test.invalid"
            raw = build(item, variant, message_id)
            data = raw if isinstance(raw, bytes) else raw.encode("utf-8")
            name = f"{index:03d}-{variant}.{'mbox' if variant == 'thread' else 'eml'}"
            with open(os.path.join(out, name), "wb") as f:
                f.write(data)
            labels.append(
                {
                    "id": message_id,
                    "text": text,
                    "language": language,
                    "subject": subject,
                    "severity": severity,
                    "variant": variant,
                    "file": name,
                }
            )
    with open(os.path.join(out, "labels.jsonl"), "w") as f:
        for label in labels:
            f.write(json.dumps(label, ensure_ascii=False) + "\n")
    print(f"{len(labels)} items in {out}")


if __name__ == "__main__":
    main()
