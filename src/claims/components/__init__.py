"""The project's spaCy components, one job each, registered through the `spacy_factories` entry
point (see README, "How it works"):

    claims_paragraphs   token.is_sent_start at paragraph breaks
    claims_entities     doc.spans["entities"], doc._.mentions
    claims_quotes       doc._.quotes
    claims_numbers      doc.spans["numbers"], span._.number
    claims_units        doc.spans["quantities"], span._.unit, .kind, .counted, .per, ...
    claims_qualifiers   span._.qualifier, .interval, .change, .upper
    claims_measured     span._.what, .measured
    claims_shared       span._.unit_from
    claims_scope        span._.scope
    Doc._.quantities    the finished Quantity objects (`quantities.quantities`)
"""
