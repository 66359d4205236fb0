"""The crime glossary of Hertsmere's Partnership Plan 2023-2027 (seed 002): the glossary every
partnership's published plan starts with, until its coordinator changes it."""

DEFAULT_GLOSSARY: list[tuple[str, str]] = [
    (
        "All crime",
        "Includes all crime listed below.",
    ),
    (
        "Anti-social behaviour",
        "This is a range of behaviours that can cause nuisance and annoyance or harm and distress to a person.",
    ),
    (
        "Assault with injury",
        "Assaults which result in harm / injury to a person.",
    ),
    (
        "Assaults without injury",
        "Assaults which result in no injury to a person.",
    ),
    (
        "Burglary business and community",
        "A person enters a building that is used for commercial means as a trespasser and steals or attempts to steal.",
    ),
    (
        "Residential burglary",
        "A person commits burglary if they enter any building or part of a building as a trespasser and, having done so, steal or attempt to steal anything.",
    ),
    (
        "Criminal damage",
        "When someone unlawfully, and intentionally or recklessly damages or destroys property belonging to another. This can also include arson and threats to cause damage.",
    ),
    (
        "Domestic abuse crime",
        "A domestic incident where a criminal offence has been committed.",
    ),
    (
        "Domestic abuse non crime",
        "A domestic incident where no criminal offences have been committed.",
    ),
    (
        "Drug possession",
        "Being caught with drugs on you, no matter who they belong to.",
    ),
    (
        "Drug trafficking",
        "The crime of selling, transporting or illegally importing unlawful controlled substances.",
    ),
    (
        "Hate crime",
        "This includes offences that are either motivated, or perceived to be motivated, by hostility towards one of the five monitored hate strands: race/ethnicity, faith/religion, sexual orientation, transgender and disability. A single offence can involve multiple hate strands.",
    ),
    (
        "Make off without payment",
        "Not paying for petrol or diesel.",
    ),
    (
        "Rape",
        "When a person does not want to have sex or does not give their consent to have sex.",
    ),
    (
        "Robbery",
        "Involves the use or threat of force in order to steal or attempt to steal from a person or business.",
    ),
    (
        "Serious sexual offences",
        "When someone touches another person without their consent, or when someone makes another person take part in a sexual activity with them without that person's consent.",
    ),
    (
        "Stalking and harassment",
        "These involve persistent, unwanted contact and/or communication with the intent to cause victims alarm/distress, anxiety and/or a fear of violence. Such offences can have a severe impact on victims and may result in them taking significant measures to avoid contact, such as moving house or changing their job.",
    ),
    (
        "Theft from motor vehicle",
        "When something is stolen from a vehicle.",
    ),
    (
        "Theft of motor vehicle",
        "When a vehicle is stolen.",
    ),
    (
        "Theft other",
        "Items stolen that were not on a person.",
    ),
    (
        "Theft person",
        "Stealing something from a person without the use of force.",
    ),
    (
        "Theft shop",
        "Stealing items from a shop.",
    ),
    (
        "Violence against a person",
        "This includes a number of offences usually involving the use or threat of physical and emotional harm against individuals. This includes homicide, physical assault, stalking and harassment and coercive/controlling behaviour.",
    ),
]
