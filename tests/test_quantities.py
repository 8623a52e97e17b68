"""Behaviour tables: sentence -> the quantity a reader sees in it."""

from __future__ import annotations

import pytest


def found(nlp, text):
    doc = nlp(text)
    return [(text[q.start : q.end], q) for q in doc._.quantities]


def what_of(q):
    """What the figure measures as the JSON output writes it."""
    return None if q.what is None else str(q.what)


def scope_of(q):
    """The phrases that narrow the figure as the JSON output writes them."""
    return "; ".join(q.scope) or None


def only(nlp, text, surface):
    matches = [q for t, q in found(nlp, text) if t == surface]
    assert matches, f"{surface!r} not found in {[t for t, _ in found(nlp, text)]}"
    return matches[0]


# text, surface, value, low, high, unit, qualifier, what, scope
CASES = [
    # digits, separators, decimals
    ("Police seized 1,875 pounds of pills.", "1,875 pounds", 1875, 1874.5, 1875.5, "pound", "exact", "pill", None),
    ("Agents seized 850 kilograms of drugs.", "850 kilograms", 850, 849.5, 850.5, "kilogram", "exact", "drug", None),
    ("It weighed 2.5 kg in total.", "2.5 kg", 2.5, 2.45, 2.55, "kilogram", "exact", "weight", None),
    # counts: no unit, the counted noun is what
    ("The operation led to 288 arrests.", "288 arrests", 288, 287.5, 288.5, None, "exact", "arrest", None),
    ("Agents seized 117 firearms.", "117 firearms", 117, 116.5, 117.5, None, "exact", "firearm", None),
    ("The FBI was among 12 U.S. agencies working on it.", "12 U.S. agencies", 12, 11.5, 12.5, None, "exact", "agency", None),
    # number words and vague amounts
    ("The operation spanned three continents.", "three continents", 3, 2.5, 3.5, None, "exact", "continent", None),
    ("Raids took place in nine countries.", "nine countries", 9, 8.5, 9.5, None, "exact", "country", None),
    ("It involved twenty-five officers.", "twenty-five officers", 25, 24.5, 25.5, None, "exact", "officer", None),
    ("Dozens of agencies took part.", "Dozens", 66, 12, 120, None, "range", "agency", None),
    ("It removed tens of thousands of pills.", "tens of thousands", 55000, 10000, 100000, None, "range", "pill", None),
    # money: symbols, codes, words, scale words
    ("They seized $53.4 million in money and digital currencies.", "$53.4 million", 53.4e6, 53.35e6, 53.45e6, "USD", "exact", "money and currency", None),
    ("The fine was US$5 million.", "US$5 million", 5e6, 4.5e6, 5.5e6, "USD", "exact", "fine", None),
    ("The budget is €26.7 million this year.", "€26.7 million", 26.7e6, 26.65e6, 26.75e6, "EUR", "exact", "budget", None),
    ("A ticket costs £20.", "£20", 20, 19.5, 20.5, "GBP", "exact", None, None),
    ("The deal was worth 5 million dollars.", "5 million dollars", 5e6, 4.5e6, 5.5e6, "USD", "exact", None, None),
    ("Revenue grew to HK $3.7 billion last year.", "HK $3.7 billion", 3.7e9, 3.65e9, 3.75e9, "HKD", "exact", "revenue", None),
    ("The yacht was priced at USD10m.", "USD10m", 1e7, 9.5e6, 1.05e7, "USD", "exact", "price", None),
    ("A meal costs RM23.50 there.", "RM23.50", 23.5, 23.495, 23.505, "MYR", "exact", None, None),
    ("The entry fee is 15 € per person.", "15 € per person", 15, 14.5, 15.5, "EUR", "exact", "entry fee", None),
    ("He paid 300 euros for it.", "300 euros", 300, 299.5, 300.5, "EUR", "exact", None, None),
    ("They seized millions of dollars.", "millions of dollars", 5.5e6, 1e6, 1e7, "USD", "range", None, None),
    ("The company lost $2.3bn last year.", "$2.3bn", 2.3e9, 2.25e9, 2.35e9, "USD", "exact", None, None),
    # units settled in context
    ("It was 90 F in Austin on Tuesday.", "90 F", 90, 89.5, 90.5, "degree_Fahrenheit", "exact", None, "in Austin"),
    ("The bridge is 120 metres long.", "120 metres", 120, 119.5, 120.5, "meter", "exact", "length", None),
    ("The SUV is quick, shaving 10 seconds off that time.", "10 seconds", 10, 9.5, 10.5, "second", "exact", "shave", None),
    ("He was sentenced to 16 years in prison.", "16 years", 16, 15.5, 16.5, "year", "exact", "sentence", None),
    ("Turnout rose to 64 percent.", "64 percent", 64, 63.5, 64.5, "percent", "exact", None, None),
    ("Temperatures will drop to 12C overnight.", "12C", 12, 11.5, 12.5, "degree_Celsius", "exact", "temperature", None),
    ("The runners covered 5km in the rain.", "5km", 5, 4.5, 5.5, "kilometer", "exact", None, None),
    ("He pled guilty to one count of wire fraud.", "one count", 1, 0.5, 1.5, None, "exact", "count", None),
    ("It has a 2.4-liter four-cylinder engine.", "four-cylinder", 4, 3.5, 4.5, None, "exact", "cylinder", None),
    ("Dinner cost eight or nine euros.", "eight", 8, 7.5, 8.5, "EUR", "exact", "price", None),
    ("Half the condos have sold.", "Half", 0.5, 0.5, 0.5, None, "exact", "condo", None),
    ("Nearly two-thirds of the sales came from CDs.", "Nearly two-thirds", 2 / 3, 2 / 3 * 0.95, 2 / 3, None, "approximately", "sale", None),
    ("One in three Germans has housing problems.", "One in three", 1 / 3, 1 / 3, 1 / 3, None, "exact", "Germans", None),
    # a share of a pronoun names no noun: "those", "which" refer to one named elsewhere
    ("A third of those surveyed said no.", "A third", 1 / 3, 1 / 3, 1 / 3, None, "exact", None, None),
    ("The firm has 80 staff, half of whom work from home.", "half", 0.5, 0.5, 0.5, None, "exact", None, None),
    # ranges
    ("Each bag held between 5 and 10 kilograms of cocaine.", "between 5 and 10 kilograms", 7.5, 5, 10, "kilogram", "range", "cocaine", None),
    ("Prices are expected to rise by between 5% and 6% next year.", "between 5% and 6%", 5.5, 5, 6, "percent", "range", None, None),
    ("The fine will be $3 billion to $5 billion.", "$3 billion to $5 billion", 4e9, 3e9, 5e9, "USD", "range", "fine", None),
    ("Each bag held 5–10 kg of cocaine.", "5–10 kg", 7.5, 5, 10, "kilogram", "range", "cocaine", None),
    # qualifiers become intervals
    ("They seized more than $50 million in cash and virtual currency.", "more than $50 million", 50e6, 50e6, None, "USD", "more_than", "cash and currency", None),
    ("It led to over 100 prosecutions.", "over 100 prosecutions", 100, 100, None, None, "more_than", "prosecution", None),
    ("He had greater than 6,000 consumers.", "greater than 6,000 consumers", 6000, 6000, None, None, "more_than", "consumer", None),
    ("It included about 152 pounds of fentanyl.", "about 152 pounds", 152, 151.5 * 0.95, 152.5 * 1.05, "pound", "approximately", "fentanyl", None),
    ("They found approximately 450 pounds of drugs.", "approximately 450 pounds", 450, 449.5 * 0.95, 450.5 * 1.05, "pound", "approximately", "drug", None),
    ("Nearly 300 people attended.", "Nearly 300 people", 300, 299.5 * 0.95, 300.5, None, "approximately", "people", None),
    ("Almost 40 cars were damaged.", "Almost 40 cars", 40, 39.5 * 0.95, 40.5, None, "approximately", "car", None),
    ("Up to 20 officers were hurt.", "Up to 20 officers", 20, None, 20, None, "at_most", "officer", None),
    ("At least 12 people died.", "At least 12 people", 12, 12, None, None, "at_least", "death", None),
    ("Fewer than 50 people came.", "Fewer than 50 people", 50, None, 50, None, "less_than", "people", None),
    # what from the parse: elided noun, 'number of', what happened to people
    ("Police said 288 people were arrested.", "288 people", 288, 287.5, 288.5, None, "exact", "arrest", None),
    ("The floods killed at least 47 people.", "at least 47 people", 47, 47, None, None, "at_least", "death", None),
    ("More than 564,000 people died from overdoses.", "More than 564,000 people", 564000, 564000, None, None, "more_than", "death", None),
    ("The number of arrests, including 153 in the U.S., is a record.", "153", 153, 152.5, 153.5, None, "exact", "arrest", "in the U.S."),
    # scope
    ("Overseas, the Bureau worked with Europol to conduct 135 arrests and seize more than $38 million.", "135 arrests", 135, 134.5, 135.5, None, "exact", "arrest", "overseas"),
    ("Overseas, the Bureau worked with Europol to conduct 135 arrests and seize more than $38 million.", "more than $38 million", 38e6, 38e6, None, "USD", "more_than", None, "overseas"),
    ("In one case, police found 10 weapons.", "10 weapons", 10, 9.5, 10.5, None, "exact", "weapon", "in one case"),
    ("Investigators found 10 weapons in a California basement.", "10 weapons", 10, 9.5, 10.5, None, "exact", "weapon", "in a California basement"),
]  # fmt: skip


# What a figure measures when its own words name nothing, read from the words around it (#13).
# text, surface, unit, what, scope
CONTEXT_CASES = [
    # the noun the figure modifies
    ("A 6.1-magnitude quake hit the region.", "6.1-magnitude", "magnitude", "quake", None),
    ("A 5.2 magnitude earthquake shook the coast.", "5.2 magnitude", "magnitude", "earthquake", None),
    ("The firm agreed to a $2.4 billion deal.", "$2.4 billion", "USD", "deal", None),
    ("Unions called a 48-hour strike.", "48-hour", "hour", "strike", None),
    # the noun it completes
    ("The mine has a depth of 3 kilometres.", "3 kilometres", "kilometer", "depth", None),
    ("Revenue of $5.1 billion was reported.", "$5.1 billion", "USD", "revenue", None),
    # a verb or adjective that names the measure
    ("The phone weighs 180 grams.", "180 grams", "gram", "weight", None),
    ("The tablet is 7 millimetres thick.", "7 millimetres", "millimeter", "thickness", None),
    ("The camera is priced at $499.", "$499", "USD", "price", None),
    # the subject of a verb of change, for the change and the level it reaches
    ("Sales rose 14 percent to $3.2 billion.", "14 percent", "percent", "sale", None),
    ("Sales rose 14 percent to $3.2 billion.", "$3.2 billion", "USD", "sale", None),
    ("Shares fell 3 percent.", "3 percent", "percent", "share", None),
    # ... but the object of a transitive one is no measure of its subject
    ("The company lost $2.3bn last year.", "$2.3bn", "USD", None, None),
    # a distance from a place, narrowed to that place
    ("The quake struck 40 miles south of the city.", "40 miles", "mile", "distance", "of the city"),
    # a spaced compass point the parser hangs elsewhere is read from the words
    ("The report put the epicenter five miles east southeast of the town.", "five miles", "mile", "distance", "of the town"),
    ("The epicentre was 9 miles from Springfield.", "9 miles", "mile", "distance", "from Springfield"),
    ("The plane landed 2 km away.", "2 km", "kilometer", "distance", None),
    # people counted by what happened to them
    ("Five died and 40 were hurt.", "Five", None, "death", None),
    ("Five died and 40 were hurt.", "40", None, "injury", None),
    ("Officials said two dead and dozens injured.", "two", None, "death", None),
    ("4 dead after a blast hits a mine", "4", None, "death", None),  # a headline
    # an adjective that makes the noun a statistic stays in what: a statistic is another fact
    ("The typical lifespan of a car is about twelve years.", "about twelve years", "year", "typical lifespan", None),
    ("The average price of a home rose to $300,000.", "$300,000", "USD", "average price", None),
    # a figure that states a change: the subject changed, whatever the verb
    ("Markets reacted as European stocks closed down 1.8 percent.", "1.8 percent", "percent", "stock", None),
    ("Shares ended up 2 percent.", "2 percent", "percent", "share", None),
    ("He denounced the murder of four workers killed in the blast.", "four workers", None, "death", None),
    ("Police found 40 people injured in the blast.", "40 people", None, "injury", None),
    # the people who did it: it did not happen to them
    ("Police said 5 men killed three people.", "5 men", None, "man", None),
    ("Police said 5 men killed three people.", "three people", None, "death", None),
    # a scale named before the number: no numbered thing ('page 5') but a measure
    ("Seismologists put the tremor at magnitude 5.2.", "5.2", "magnitude", None, None),
    # "N times" is a ratio to another figure before a comparison, a count of times in a rate
    ("The battery lasts three times longer.", "three times", None, None, None),
    ("The stars spin 78,000 times a minute.", "78,000 times a minute", None, "time", None),
    # a year narrows the figure
    ("In 2012, a 3.0 quake struck the town.", "3.0 quake", "magnitude", "quake", "in 2012"),
]  # fmt: skip


@pytest.mark.parametrize("text,surface,unit,what,scope", CONTEXT_CASES)
def test_what_from_context(nlp, text, surface, unit, what, scope):
    q = only(nlp, text, surface)
    assert (q.unit, what_of(q), scope_of(q)) == (unit, what, scope)


# Who or what a figure is about (#13, item 4). text, surface, holder, the words that tell it apart
HOLDER_CASES = [
    ("Maria Lopez finished with 31 points.", "31 points", "Maria Lopez", ("lopez", "maria")),
    ("Acme's revenue rose 14% to $5.1 billion.", "$5.1 billion", "Acme", ("acme",)),
    ("The 14-inch model costs $1,049.", "$1,049", "14-inch model", ("14",)),
    ("The phone weighs 150 grams for the 6-inch model.", "150 grams", "6-inch model", ("6",)),
    ("Interpol and Europol offered a $45,000 reward.", "$45,000", "Interpol and Europol", ("europol", "interpol")),
    ("Agents seized about 40 pounds of heroin.", "about 40 pounds", "Agents", ()),
    ("The town, a small community 4 miles east of the lake, felt the quake.", "4 miles", "town", ()),
    # the subject of the clause, past the list the figure is in; what is measured is no holder
    ("The raid resulted in 30 arrests, the seizure of 20 firearms, 40 kilograms of drugs with "
     "12 kilograms of heroin.", "40 kilograms", "raid", ()),
    ("Net income was $310 million.", "$310 million", None, None),
    # an age is the person's it is set beside, even when it names them as what it measures
    ("The town's mayor, Jo Smith, 38, was injured.", "38", "Jo Smith", ("jo", "smith")),
    ("The mayor, 38-year-old Jo Smith, was injured.", "38-year-old", "Jo Smith", ("jo", "smith")),
    # a pronoun names no holder here: whose, the text said before
    ("It weighs under 4.5 pounds.", "under 4.5 pounds", None, None),
    ("Rivals face Globex and its 10,500 employees.", "10,500 employees", None, None),
]  # fmt: skip


@pytest.mark.parametrize("text,surface,holder,key", HOLDER_CASES)
def test_holder(nlp, text, surface, holder, key):
    q = only(nlp, text, surface)
    got = (None, None) if q.holder is None else (q.holder.text, q.holder.key)
    assert got == (holder, key)
    if q.holder is not None:
        assert text[q.holder.start : q.holder.end] == holder


@pytest.mark.parametrize("text,surface,value,low,high,unit,qualifier,what,scope", CASES)
def test_quantity(nlp, text, surface, value, low, high, unit, qualifier, what, scope):
    q = only(nlp, text, surface)
    assert (q.value, q.unit, q.qualifier, what_of(q), scope_of(q)) == (
        pytest.approx(value), unit, qualifier, what, scope)
    assert q.low == (None if low is None else pytest.approx(low))
    assert q.high == (None if high is None else pytest.approx(high))


@pytest.mark.parametrize(
    "text",
    [
        "The operation began in late 2021.",  # a year
        "He spoke at a press conference on May 2, 2023, in Washington.",  # a date
        "It was the fifth coordinated action.",  # an ordinal
        "He finished third in the race.",  # an ordinal, not a share
        "The meeting starts at 10:30 a.m. sharp.",  # a time of day
        "He woke up shortly after 2 a. m. because of it.",  # a time of day, spaced
        "JCODE’s approach to investigations is two-pronged.",  # part of a word
        "Cases of COVID-19 fell sharply.",  # part of a name
        "In one operation, agents acted fast.",  # 'one' as a determiner of scope
        "The 5G rollout and 3D printers were discussed.",  # letters on a number, not a unit
    ],
)
def test_not_a_claim(nlp, text):
    assert found(nlp, text) == []


def test_a_number_set_off_by_commas_after_a_name_is_an_age(nlp):
    q = only(nlp, "Maddon, 66, has used the downtime to get in shape.", "66")
    assert (q.value, q.unit, q.kind) == (66, "year", "age")


def test_an_age_shared_by_the_names_before_it(nlp):
    q = only(nlp, "Tom Smith and Bill Jones, both 29, died at the scene.", "29")
    assert (q.value, q.unit, q.kind) == (29, "year", "age")


def test_age_is_marked_not_counted(nlp):
    q = only(nlp, "A 29-year-old Florida man was charged.", "29-year-old")
    assert (q.value, q.unit, q.kind, what_of(q)) == (29, "year", "age", "man")


@pytest.mark.parametrize(
    "text,surface,unit,normal_value,normal_unit",
    [
        ("Police seized 1,875 pounds of pills.", "1,875 pounds", "pound", 850.48569, "kilogram"),
        ("The lake is 3 miles wide.", "3 miles", "mile", 4828.032, "meter"),
        ("It was 90 F in Austin on Tuesday.", "90 F", "degree_Fahrenheit", 32.2222, "degree_Celsius"),
        ("The debt is £20 million.", "£20 million", "GBP", 20e6, "GBP"),
        ("He was sentenced to 16 years in prison.", "16 years", "year", 16, "year"),
        # units a reader knows: a share stays a percentage, a clock speed hertz (not bytes, not
        # "1 / second", though Pint counts percent and bytes alike as dimensionless)
        ("Turnout rose to 64 percent.", "64 percent", "percent", 64, "percent"),
        ("Levels reached 4 ppb in the lake.", "4 ppb", "ppb", 4e-7, "percent"),
        ("The chip runs at 3.2 GHz.", "3.2 GHz", "gigahertz", 3.2e9, "hertz"),
        ("It ships with 8 GB of memory.", "8 GB", "gigabyte", 8e9, "byte"),
    ],
)
def test_normalised_with_pint(nlp, text, surface, unit, normal_value, normal_unit):
    q = only(nlp, text, surface)
    n = q.normalized
    assert (q.unit, n.unit) == (unit, normal_unit)
    assert n.value == pytest.approx(normal_value, rel=1e-5)
    if n.low is not None and n.high is not None:
        assert n.low <= n.value <= n.high


@pytest.mark.parametrize(
    "text,surface,scope",
    [
        ("It builds on last year's operation, which led to 120 arrests.", "120 arrests", "last year's operation"),
        ("The previous operation resulted in 179 arrests.", "179 arrests", "the previous operation"),
        ("This operation resulted in 288 arrests.", "288 arrests", None),
    ],
)
def test_figures_of_an_earlier_event_are_scoped_to_it(nlp, text, surface, scope):
    assert scope_of(only(nlp, text, surface)) == scope


@pytest.mark.parametrize("text,surface,dimension", [
    ("Turnout rose to 64 percent.", "64 percent", "dimensionless"),
    ("It ships with 8 GB of memory.", "8 GB", "[information]"),
    ("The chip runs at 3.2 GHz.", "3.2 GHz", "1 / [time]"),
])
def test_a_share_and_a_size_are_different_dimensions(nlp, text, surface, dimension):
    assert only(nlp, text, surface).dimension == dimension


@pytest.mark.parametrize(
    "text,first,second",
    [
        ("Police seized 500 kilograms (1,102 pounds) of cocaine.", "500 kilograms", "1,102 pounds"),
        ("The fine was €26.7 million (USD 31 million) in total.", "€26.7 million", "USD 31 million"),
    ],
)
def test_a_figure_restated_in_another_unit_is_linked(nlp, text, first, second):
    pairs = found(nlp, text)
    assert [t for t, _ in pairs] == [first, second]
    first, second = pairs[0][1], pairs[1][1]
    assert (first.restates, second.restates) == (None, (first.start, first.end))


@pytest.mark.parametrize(
    "text,surface,change",
    [
        ("Core inflation rose 0.3% in June.", "0.3%", "up"),
        ("The crude contract was up 19 cents.", "19 cents", "up"),
        ("Temperatures dropped by 1 to 1.5 degrees Celsius.", "1 to 1.5 degrees Celsius", "down"),
        ("The Dow lost 190 points on Friday.", "190 points", "down"),
        ("Exports dropped 7% to $2.3 billion.", "$2.3 billion", None),  # the level reached
        ("Bonia climbed 11 sen to RM2.05 on Friday.", "11 sen", "up"),
        ("Sales were 7% of revenue.", "7%", None),
        ("The Dow lost 190 points, or 0.6%, on Friday.", "0.6%", "down"),
        ("Tesla shares were up nearly 57% this year.", "nearly 57%", "up"),
        ("The defense gave up 517 rushing yards.", "517 rushing yards", None),
        ("Payrolls grew by 42,000 jobs in May.", "42,000 jobs", "up"),  # a count, by so many
        ("The staff was cut by 40 nurses.", "40 nurses", "down"),
        ("The firm added 300 stores last year.", "300 stores", None),  # added: a count of stores
        ("The bridge was raised by 3 metres.", "3 metres", "up"),
    ],
)
def test_a_change_is_not_a_level(nlp, text, surface, change):
    assert only(nlp, text, surface).change == change


@pytest.mark.parametrize(
    "text,surface,per",
    [
        ("The contract was at US $58.24 per barrel.", "US $58.24 per barrel", "barrel"),
        ("They have a $3,500 a month mortgage.", "$3,500 a month", "month"),
        ("It pumps 500,000 barrels a day.", "500,000 barrels a day", "day"),
        ("It cost $5 a year ago.", "$5", None),
        ("It boils down to $21.25 per square foot.", "$21.25 per square foot", "square foot"),
        ("The lab will run three thousand tests per day.", "three thousand tests per day", "day"),
        ("The stars spin nearly 78,000 times a minute.", "nearly 78,000 times a minute", "minute"),
        ("He had ten players a team.", "ten players", None),
        ("Levels reached 1200 parts per million.", "1200 parts per million", None),
    ],
)
def test_a_rate_keeps_its_denominator(nlp, text, surface, per):
    assert only(nlp, text, surface).per == per


@pytest.mark.parametrize(
    "text,surface,unit",
    [
        ("The baby weighed 8 pounds at birth.", "8 pounds", "pound"),
        ("He lost 20 pounds before the race.", "20 pounds", "pound"),
        ("He won 1000 pounds in the lottery.", "1000 pounds", "GBP"),
        ("She bought a dress for 50 pounds at the thrift store.", "50 pounds", "GBP"),
        ("The nitrogen was at -196 F in the freezer.", "-196 F", "degree_Fahrenheit"),
        ("The liquid nitrogen in the freezer was -196 F.", "-196 F", "degree_Fahrenheit"),
        ("The pool is kept at a comfortable 25 c.", "25 c", "degree_Celsius"),
        ("The garage charges 2 c for the first hour.", "2 c", "USD"),
        ("The capacitor is rated at 10 F for this circuit.", "10 F", "farad"),
    ],
)
def test_ambiguous_units_settled_in_context(nlp, text, surface, unit):
    assert only(nlp, text, surface).unit == unit


@pytest.mark.parametrize(
    "text,surface,unit,kind",
    [
        ("The engine makes 332 lb-ft of torque.", "332 lb-ft", "foot * force_pound", "quantity"),
        ("It makes 275 pound-feet of torque.", "275 pound-feet", "foot * force_pound", "quantity"),
        ("Samples came back at 4 ppb in Royal Oak.", "4 ppb", "ppb", "quantity"),
        ("The panel was rated at 9 ksi.", "9 ksi", "kip_per_square_inch", "quantity"),
        ("Cars averaged 29 mpg in 2020.", "29 mpg", "mile / gallon", "quantity"),
        ("The car reached 55 m.p.h on the bridge.", "55 m.p.h", "mile / hour", "quantity"),
        # letters quantulum3 reads as a product of unit symbols are a counted noun
        ("He pitched 1 innings on Sunday.", "1 innings", None, "count"),
        ("He threw 2 TDs in the game.", "2 TDs", None, "count"),
    ],
)
def test_unit_spellings(nlp, text, surface, unit, kind):
    q = only(nlp, text, surface)
    assert (q.unit, q.kind) == (unit, kind)


@pytest.mark.parametrize(
    "text,surface,value,qualifier,unit",
    [
        ("Our samples are only ~45g each.", "~45g", 45, "approximately", "gram"),
        ("It can dip down to minus-130 degrees Fahrenheit.", "minus-130 degrees Fahrenheit", -130,
         "exact", "degree_Fahrenheit"),
        ("Demand for sub-300 sq m offices has surged.", "sub-300 sq m", 300, "less_than",
         "meter ** 2"),
        ("Nintendo plunged to Y=28,030 in Tokyo.", "Y=28,030", 28030, "exact", "JPY"),
        ("It became a PS8.1bn hostile takeover.", "PS8.1bn", 8.1e9, "exact", "GBP"),
    ],
)
def test_a_sign_written_onto_the_number(nlp, text, surface, value, qualifier, unit):
    q = only(nlp, text, surface)
    assert (q.value, q.qualifier, q.unit) == (value, qualifier, unit)


def test_a_negative_figure_spans_its_precision_below_and_above(nlp):
    q = only(nlp, "The angle was minus-1.4 degrees.", "minus-1.4 degrees")
    assert (q.low, q.high) == (pytest.approx(-1.45), pytest.approx(-1.35))


def test_five_plain_digits_are_no_date_whatever_the_tagger_says(nlp):
    text = "texas had the most flashes in 2018 at 2483805 while florida came second with 1385710 lightning strikes."
    assert [(t, q.value) for t, q in found(nlp, text)] == [
        ("2483805", 2483805), ("1385710 lightning strikes", 1385710)]


@pytest.mark.parametrize("text", [
    "In the S P 500 utilities are holding up better than other sectors.",
    "The benchmark Stoxx 600 index rose on Monday.",
    "Bristol City came from behind to beat Charlton 2-1 on Saturday.",
    "The car passed the ISO 3888-2 test.",
    "Quarterback Dak Prescott (4) celebrates a touchdown.",
    "They procured tests for COVID -19 from a local company.",
])
def test_a_number_that_names_or_scores_is_no_claim(nlp, text):
    assert found(nlp, text) == []


@pytest.mark.parametrize("text", [
    "The offices are at 575 Wilbraham Road in Springfield.",
    "Cayman Airways grounded its 787 Dreamliner on Monday.",
])
def test_a_number_in_a_singular_name_is_no_count(nlp, text):
    assert found(nlp, text) == []


def test_a_plural_name_is_counted(nlp):
    q = only(nlp, "The survey asked 1,307,000 Americans about it.", "1,307,000 Americans")
    assert (q.value, what_of(q)) == (1_307_000, "Americans")


@pytest.mark.parametrize("text,expected", [
    ("It should have cost HK $5.4m.", [("HK $5.4m", 5_400_000, "HKD")]),
    # a wire feed without the euro sign writes the word onto the number
    ("The bank will lend euro17 billion.", [("euro17 billion", 17e9, "EUR")]),
    # or the sign's letter, read only before a scale word: 'e10' alone is a fuel
    ("They paid more than e37 million for the site.", [("more than e37 million", 37e6, "EUR")]),
    ("The cars run on e10 fuel.", []),
    # a hyphen written tight between a number and its scale word, or before a currency
    ("The city spent $212-million on roads.", [("$212-million", 212e6, "USD")]),
    ("The lab won a five-million-euro grant.", [("five-million-euro", 5e6, "EUR")]),
    ("It agreed a 75bn-euro spending plan.", [("75bn-euro", 75e9, "EUR")]),
    ("It was a 3 mn-euro fine.", [("3 mn-euro", 3e6, "EUR")]),
    # a dash set off by spaces ends the figure: it joins no unit to it
    ("The cuts aim to save $12 billion - - the whole deficit.",
     [("$12 billion", 12e9, "USD")]),
    ("The laptop is worth exactly $2000.", [("$2000", 2000, "USD")]),
    ("It marked a record in March with sales of 5835 units.", [("5835 units", 5835, None)]),
    ("The deficit increased by $43.6 billion to $419.2 billion.",
     [("$43.6 billion", 43.6e9, "USD"), ("$419.2 billion", 419.2e9, "USD")]),
    ("The index has lost 162.31 points to fall to 7,425.81.",
     [("162.31 points", 162.31, None), ("7,425.81", 7425.81, None)]),
    ("Shares were trading at more than 180p at one point last year.", [("more than 180p", 1.8, "GBP")]),
    ("The recipe requires 1/2 pound of chocolate chips.", [("1/2 pound", 0.5, "pound")]),
    ("The neck is 25.5″ from nut to saddle.", [("25.5″", 25.5, "inch")]),
    # typesetting turns ″ into ”: the inch sign, unless it closes a quotation
    ("The case is just 0.87” thick.", [("0.87”", 0.87, "inch")]),
    ("He said “I ran 5” and left.", [("5", 5, None)]),
    # "in" that no object follows is the inch, after a decimal or before a size adjective
    ("The case maxes out at 0.43 in or 11 mm.", [("0.43 in", 0.43, "inch"), ("11 mm", 11, "millimeter")]),
    ("The base is 0.6 in thick.", [("0.6 in", 0.6, "inch")]),
    ("He scored 5 in a row.", [("5", 5, None)]),
    ("Prices rose 5.5 in April.", [("5.5", 5.5, None)]),
    ("It launches with a 1.0l engine.", [("1.0l", 1.0, "liter")]),
    ("It will make eight million 250ml bottles of sanitiser.",
     [("eight million", 8e6, None), ("250ml", 250, "centimeter ** 3")]),
    ("The shop has been open 24/7 since 9/11.", []),
    ("Sony cut the price of the PS4 on Monday.", []),
    ("Use M2.5 screws for the bracket.", []),  # a metric thread, not a magnitude
    ("This was on top of a PS6m golden hello.", [("PS6m", 6e6, "GBP")]),
    ("The mass of the sun is 1.99×10−30 kilograms.", [("1.99×10−30 kilograms", 1.99e-30, "kilogram")]),
    ("Light travels at 2.998×10^8 meters per second.",
     [("2.998×10^8 meters per second", 2.998e8, "meter / second")]),
    ("Revenue grew more than sixfold to HK $3.7 billion.",
     [("more than sixfold", 6, None), ("HK $3.7 billion", 3.7e9, "HKD")]),
    ("Sales rose 3-fold.", [("3-fold", 3, None)]),
    ("It has a 7- or 8-inch touchscreen.", [("7-", 7, "inch"), ("8-inch", 8, "inch")]),
    ("It was a 12- to 15-year sentence.", [("12- to 15-year", 13.5, "year")]),
    ("It came with four-, five- and six-cylinder engines.",
     [("four-", 4, None), ("five-", 5, None), ("six-cylinder", 6, None)]),
    ("It was a two-pronged attack.", []),
    ("It has a 5.2 litre V10 engine.", [("5.2 litre", 5.2, "liter")]),
    ("Clients with more than 7.5 million Danish crowns pay.",
     [("more than 7.5 million Danish crowns", 7.5e6, "DKK")]),
    ("The dollar eased to 108.79 JPY= on Monday.", [("108.79 JPY=", 108.79, "JPY")]),
    ("The balance fell to $-50.8bn in April.", [("$-50.8bn", -50.8e9, "USD")]),
    ("The engine makes 300 PS at 6,000 rpm.",
     [("300 PS", 300, "metric_horsepower"), ("6,000 rpm", 6000, "revolutions_per_minute")]),
])
def test_figures_the_tagger_or_the_tokenizer_hides(nlp, text, expected):
    assert [(t, q.value, q.unit) for t, q in found(nlp, text)] == expected


def test_a_scale_word_is_not_the_counted_noun(nlp):
    q = only(nlp, "The BMW Group is investing a total of 200 million in the centre.", "200 million")
    assert (q.value, what_of(q)) == (200_000_000, None)


def test_an_index_level_after_a_change_in_points_is_in_points(nlp):
    text = "London's blue chip index has lost 162.31 points, or 2.14%, to fall to 7,425.81."
    assert [(t, what_of(q)) for t, q in found(nlp, text)] == [
        ("162.31 points", "point"), ("2.14%", None), ("7,425.81", "point")]


def test_a_box_score_abbreviation_names_the_count_and_its_rate(nlp):
    q = only(nlp, "G Hunter Maldonado (15.3 ppg, 7.4 rpg) led the team.", "15.3 ppg")
    assert (q.value, q.unit, what_of(q), q.per) == (15.3, None, "point", "game")


def test_a_count_states_its_noun_with_its_modifiers(nlp):
    q = only(nlp, "A survey of seven European countries found it.", "seven European countries")
    assert (q.value, q.unit, q.stated_unit, what_of(q)) == (7, None, "European countries", "country")


def test_pounds_of_money_are_sterling(nlp):
    q = only(nlp, "The club paid 30 million pounds for the striker.", "30 million pounds")
    assert (q.unit, q.kind) == ("GBP", "money")


@pytest.mark.parametrize("text,surface,unit,per", [
    ("The tablet sells for 3,499 Chinese yuan in Shanghai.", "3,499 Chinese yuan", "CNY", None),
    ("Streaming costs 12.99 New Zealand dollars per month.",
     "12.99 New Zealand dollars per month", "NZD", "month"),
])
def test_a_currency_named_with_its_country(nlp, text, surface, unit, per):
    q = only(nlp, text, surface)
    assert (q.unit, q.currency, q.per) == (unit, True, per)


def test_an_index_level_before_its_change_in_points_is_in_points(nlp):
    text = "Dow Jones Industrial Average (25,410.21 up 58.06 points)."
    assert [(t, what_of(q)) for t, q in found(nlp, text)] == [
        ("25,410.21", "point"), ("58.06 points", "point")]


@pytest.mark.parametrize("text,surface,low,high,unit", [
    ("The kit includes a 20-40W heater.", "20-40W", 20, 40, "watt"),
    ("Simmer for ~10 – 15min until thick.", "~10 – 15min", 10, 15, "minute"),
])
def test_a_unit_written_onto_a_range_is_the_unit_of_both_ends(nlp, text, surface, low, high,
                                                              unit):
    q = only(nlp, text, surface)
    assert (q.low, q.high, q.unit, q.qualifier) == (low, high, unit, "range")


@pytest.mark.parametrize("text,surface,unit", [
    ("The team allowed 312 passing yards on Sunday.", "312 passing yards", "yard"),
    ("The series adds to 40 earlier years of footage.", "40 earlier years", "year"),
    ("The ferry sailed 12 nautical miles to the island.", "12 nautical miles", "nautical_mile"),
    ("The diesel delivers 190 PS in the base model.", "190 PS", "metric_horsepower"),
    ("It gets a 3-mpg improvement on the highway.", "3-mpg", "mile / gallon"),
])
def test_a_unit_behind_a_modifier_or_in_another_spelling(nlp, text, surface, unit):
    q = only(nlp, text, surface)
    assert (q.unit, q.kind) == (unit, "quantity")


@pytest.mark.parametrize("text,surface,unit,what", [
    ("Exports rose to 1.2 million crates, up from 900,000 in 2020.", "900,000", None, "crate"),
    ("The club sold 300 tickets online and 120 at the box office.", "120", None, "ticket"),
    ("It went from 30 mpg to 34 on the highway.", "34", "mile / gallon", None),
    # the partner is the figure of the same order of magnitude, not the nearest one
    ("There are 5400 nurses who worked for two years and 6100 who worked longer.", "6100", None,
     "nurse"),
    ("They may sign another player or two.", "two", None, "player"),
    ("Expect a delay of a day or two.", "two", "day", None),
])
def test_a_bare_figure_shares_the_unit_of_the_figure_it_is_set_against(nlp, text, surface, unit,
                                                                         what):
    q = only(nlp, text, surface)
    assert (q.unit, what_of(q)) == (unit, what)


@pytest.mark.parametrize("text,surface,per", [
    ("The offer of C$9 (US$6.70) per share was accepted.", "C$9", "share"),
    ("It runs a 40,000 barrel-a-day plant.", "40,000 barrel-a-day", "day"),
    ("Fares will rise by £30 a-year from May.", "£30 a-year", "year"),
    ("The $31-per-share sale price was agreed.", "$31-per-share", "share"),
    ("It rivals a $17 billion-per-year services unit.", "$17 billion-per-year", "year"),
    ("Offices rent at $95 per sq m in the centre.", "$95 per sq m", "square meter"),
    ("The train reaches 160km/hr on the plain.", "160km/hr", "hour"),
    ("The heatwave lasted 3 days - a record for May.", "3 days", None),
])
def test_a_rate_written_in_other_ways(nlp, text, surface, per):
    assert only(nlp, text, surface).per == per


@pytest.mark.parametrize("text,surface,unit,kind", [
    ("A 5.7 magnitude earthquake struck the valley.", "5.7 magnitude", "magnitude", "quantity"),
    ("The 5.1-magnitude temblor woke residents.", "5.1-magnitude", "magnitude", "quantity"),
    ("A 5.3 quake rattled the county.", "5.3 quake", "magnitude", "quantity"),
    ("It was followed by a 3.4 aftershock.", "3.4 aftershock", "magnitude", "quantity"),
    # the scale named before or after the number
    ("The quake had a preliminary magnitude of 5.1 on Monday.", "5.1", "magnitude", "quantity"),
    ("It was hit by a magnitude 5.3 earthquake.", "5.3", "magnitude", "quantity"),
    ("It measured 3.7 on the Richter scale.", "3.7", "magnitude", "quantity"),
    ("It measured 7 on the Richter scale.", "7", "magnitude", "quantity"),  # a whole number too
    ("The survey rated the quake as 5.1 in magnitude.", "5.1", "magnitude", "quantity"),
    # a decimal that the rated noun, or its magnitude, was
    ("The first aftershock was a 3.2.", "3.2", "magnitude", "quantity"),
    ("Its magnitude was 5.7, officials said.", "5.7", "magnitude", "quantity"),
    ("The number of aftershocks was 4.", "4", None, "count"),
    # a rating whose noun is left out after an earlier one in the sentence
    ("It was followed by a 3.6 aftershock at 4:32 and a 3.1 at 4:40.", "3.1", "magnitude", "quantity"),
    ("He hit a 2.2 at the end.", "2.2", None, "count"),
    # seismology's notation, where a quake or a magnitude is spoken of
    ("An M5.2 quake struck near the town.", "M5.2", "magnitude", "quantity"),
    # a count of quakes is a count: a rating is written with a decimal, before one quake
    ("There were 3 quakes that day.", "3 quakes", None, "count"),
    ("One quake struck at noon.", "One quake", None, "count"),
])
def test_an_earthquake_magnitude_is_a_scale_of_its_own(nlp, text, surface, unit, kind):
    q = only(nlp, text, surface)
    assert (q.unit, q.kind, q.normalized.unit) == (unit, kind, unit)
    assert q.dimension == ("[magnitude]" if unit else "count")
