"""Revised-article pairs written for this project (fictional places and
people), to measure re-anchoring (docs/versions.md). Each pair has the first
text, the revised text and the excerpts an editor had credited in the first:
`old` is the excerpt as quoted, `new` is the text it became in the revision
(written out, and unique there) or None when the revision removed it.

Kinds of revision: a paragraph inserted before the excerpt, a paragraph
deleted, a sentence edited (figure or wording), paragraphs moved, a lead
rewritten, and traps: a similar sentence left elsewhere after the original
was cut, and a short phrase that appears twice.
"""

PAIRS = [
    {
        "name": "toll rises, paragraph inserted at the top",
        "old": (
            "Shelling hit the market in Dunmore on Monday morning.\n\n"
            "The regional health office said 12 people were killed and 30 wounded.\n\n"
            "A spokesman for the army denied firing on the town."
        ),
        "new": (
            "UPDATED with new toll.\n\n"
            "Shelling hit the market in Dunmore on Monday morning.\n\n"
            "The regional health office said 45 people were killed and 30 wounded.\n\n"
            "A spokesman for the army denied firing on the town."
        ),
        "excerpts": [
            {
                "old": "The regional health office said 12 people were killed and 30 wounded.",
                "new": "The regional health office said 45 people were killed and 30 wounded.",
            },
            {
                "old": "A spokesman for the army denied firing on the town.",
                "new": "A spokesman for the army denied firing on the town.",
            },
        ],
    },
    {
        "name": "paragraph deleted",
        "old": (
            "Rebels said they had taken the bridge at Kessel after two days of fighting.\n\n"
            "A local resident told reporters she saw tanks crossing at dawn.\n\n"
            "The defence ministry called the claim propaganda."
        ),
        "new": (
            "Rebels said they had taken the bridge at Kessel after two days of fighting.\n\n"
            "The defence ministry called the claim propaganda."
        ),
        "excerpts": [
            {"old": "A local resident told reporters she saw tanks crossing at dawn.", "new": None},
            {
                "old": "The defence ministry called the claim propaganda.",
                "new": "The defence ministry called the claim propaganda.",
            },
            {
                "old": "Rebels said they had taken the bridge at Kessel",
                "new": "Rebels said they had taken the bridge at Kessel",
            },
        ],
    },
    {
        "name": "paragraphs moved",
        "old": (
            "Aid convoys reached Marrow on Thursday, the first in three weeks.\n\n"
            "The United Nations said 40 trucks carried food and medicine.\n\n"
            "Local officials said at least 5,000 families were still cut off."
        ),
        "new": (
            "Local officials said at least 5,000 families were still cut off.\n\n"
            "Aid convoys reached Marrow on Thursday, the first in three weeks.\n\n"
            "The United Nations said 40 trucks carried food and medicine."
        ),
        "excerpts": [
            {
                "old": "Local officials said at least 5,000 families were still cut off.",
                "new": "Local officials said at least 5,000 families were still cut off.",
            },
            {
                "old": "The United Nations said 40 trucks carried food and medicine.",
                "new": "The United Nations said 40 trucks carried food and medicine.",
            },
        ],
    },
    {
        "name": "reporting verb changed",
        "old": (
            "Overnight drone strikes hit a fuel depot outside Carrick.\n\n"
            "The governor said the strikes caused no casualties.\n\n"
            "Firefighters worked through the night."
        ),
        "new": (
            "Overnight drone strikes hit a fuel depot outside Carrick.\n\n"
            "The governor claimed the strikes caused no casualties.\n\n"
            "Firefighters worked through the night."
        ),
        "excerpts": [
            {
                "old": "The governor said the strikes caused no casualties.",
                "new": "The governor claimed the strikes caused no casualties.",
            },
            {
                "old": "Firefighters worked through the night.",
                "new": "Firefighters worked through the night.",
            },
        ],
    },
    {
        "name": "trap: edited figure sentence cut, similar sentence about another town remains",
        "old": (
            "Officials in Brenn said 8 civilians died in the air raid.\n\n"
            "Officials in Tolva said 9 civilians died in a separate raid.\n\n"
            "Neither figure could be verified."
        ),
        "new": (
            "Officials in Tolva said 9 civilians died in a separate raid.\n\n"
            "Neither figure could be verified."
        ),
        "excerpts": [
            {"old": "Officials in Brenn said 8 civilians died in the air raid.", "new": None},
            {
                "old": "Officials in Tolva said 9 civilians died in a separate raid.",
                "new": "Officials in Tolva said 9 civilians died in a separate raid.",
            },
        ],
    },
    {
        "name": "lead rewritten, quote kept",
        "old": (
            "Fighting continued near Osterby on Saturday.\n\n"
            '"We will not withdraw," the brigade commander told the agency.\n\n'
            "The front line has barely moved in a month."
        ),
        "new": (
            "Heavy fighting raged for a third day around Osterby, with both sides reporting losses, "
            "as winter weather closed in on the front.\n\n"
            '"We will not withdraw," the brigade commander told the agency.\n\n'
            "The front line has barely moved in a month."
        ),
        "excerpts": [
            {
                "old": '"We will not withdraw," the brigade commander told the agency.',
                "new": '"We will not withdraw," the brigade commander told the agency.',
            },
            {"old": "Fighting continued near Osterby on Saturday.", "new": None},
        ],
    },
    {
        "name": "sentence extended with attribution detail",
        "old": (
            "A car bomb exploded near the courthouse in Lenz.\n\n"
            "Police said 3 officers were injured.\n\n"
            "No group has claimed the attack."
        ),
        "new": (
            "A car bomb exploded near the courthouse in Lenz.\n\n"
            "Police said 3 officers were injured, one of them seriously.\n\n"
            "No group has claimed the attack."
        ),
        "excerpts": [
            {"old": "Police said 3 officers were injured", "new": "Police said 3 officers were injured"},
            {"old": "No group has claimed the attack.", "new": "No group has claimed the attack."},
        ],
    },
    {
        "name": "figure range revised",
        "old": (
            "Floods after the dam breach displaced thousands in the Varn valley.\n\n"
            "The relief agency estimated that 2,000 to 3,000 homes were destroyed.\n\n"
            "Rescue teams are searching for the missing."
        ),
        "new": (
            "Floods after the dam breach displaced thousands in the Varn valley.\n\n"
            "The relief agency estimated that 4,000 to 5,000 homes were destroyed.\n\n"
            "Rescue teams are searching for the missing."
        ),
        "excerpts": [
            {
                "old": "The relief agency estimated that 2,000 to 3,000 homes were destroyed.",
                "new": "The relief agency estimated that 4,000 to 5,000 homes were destroyed.",
            },
        ],
    },
    {
        "name": "two paragraphs inserted in the middle",
        "old": (
            "Talks between the two delegations opened in Sarn on Wednesday.\n\n"
            "The mediator said both sides had agreed to a prisoner exchange.\n\n"
            "A second round is planned for next month."
        ),
        "new": (
            "Talks between the two delegations opened in Sarn on Wednesday.\n\n"
            "Security was tight around the venue, and journalists were kept outside.\n\n"
            "Protesters gathered near the hotel demanding an end to the blockade.\n\n"
            "The mediator said both sides had agreed to a prisoner exchange.\n\n"
            "A second round is planned for next month."
        ),
        "excerpts": [
            {
                "old": "The mediator said both sides had agreed to a prisoner exchange.",
                "new": "The mediator said both sides had agreed to a prisoner exchange.",
            },
            {
                "old": "A second round is planned for next month.",
                "new": "A second round is planned for next month.",
            },
        ],
    },
    {
        "name": "quote shortened",
        "old": (
            "The opposition leader spoke at a rally in Harlow.\n\n"
            '"The government has lied to you about the war, about the prices and about the dead," he said.\n\n'
            "Thousands attended."
        ),
        "new": (
            "The opposition leader spoke at a rally in Harlow.\n\n"
            '"The government has lied to you about the war and about the dead," he said.\n\n'
            "Thousands attended."
        ),
        "excerpts": [
            {
                "old": '"The government has lied to you about the war, about the prices and about the dead," he said.',
                "new": '"The government has lied to you about the war and about the dead," he said.',
            },
        ],
    },
    {
        "name": "all text replaced by a new story",
        "old": (
            "Power cuts hit most of Eastfield after a substation was struck.\n\n"
            "The energy company said repairs would take two days."
        ),
        "new": (
            "The energy minister resigned on Friday citing ill health.\n\n"
            "Her deputy will take over until elections in spring."
        ),
        "excerpts": [
            {"old": "The energy company said repairs would take two days.", "new": None},
            {"old": "Power cuts hit most of Eastfield after a substation was struck.", "new": None},
        ],
    },
    {
        "name": "short phrase repeated, context decides",
        "old": (
            "The army said it had captured Ridge 4.\n\n"
            "Rebels said the army had not captured Ridge 4 and that fighting went on.\n\n"
            "Independent observers could not reach the area."
        ),
        "new": (
            "Rebels said the army had not captured Ridge 4 and that fighting went on.\n\n"
            "The army said it had captured Ridge 4.\n\n"
            "Independent observers could not reach the area."
        ),
        "excerpts": [
            {
                "old": "The army said it had captured Ridge 4.",
                "new": "The army said it had captured Ridge 4.",
            },
            {
                "old": "Rebels said the army had not captured Ridge 4",
                "new": "Rebels said the army had not captured Ridge 4",
            },
        ],
    },
    {
        "name": "typo fixed and number written out",
        "old": (
            "The hospital in Wend recieved 17 wounded fighters overnight, a doctor said.\n\n"
            "Supplies of blood are running low."
        ),
        "new": (
            "The hospital in Wend received seventeen wounded fighters overnight, a doctor said.\n\n"
            "Supplies of blood are running low."
        ),
        "excerpts": [
            {
                "old": "The hospital in Wend recieved 17 wounded fighters overnight, a doctor said.",
                "new": "The hospital in Wend received seventeen wounded fighters overnight, a doctor said.",
            },
        ],
    },
    {
        "name": "sentence split in two",
        "old": (
            "Border guards said they turned back 200 people at the Pell crossing and arrested 12 smugglers.\n\n"
            "The crossing remains closed."
        ),
        "new": (
            "Border guards said they turned back 200 people at the Pell crossing. They also arrested 12 smugglers.\n\n"
            "The crossing remains closed."
        ),
        "excerpts": [
            {
                "old": "Border guards said they turned back 200 people at the Pell crossing",
                "new": "Border guards said they turned back 200 people at the Pell crossing",
            },
            {"old": "The crossing remains closed.", "new": "The crossing remains closed."},
        ],
    },
    {
        "name": "denial added after the claim",
        "old": (
            "The militia said its fighters shot down a helicopter near Fane.\n\n"
            "Video shared online showed smoke over the hills."
        ),
        "new": (
            "The militia said its fighters shot down a helicopter near Fane.\n\n"
            "The air force denied losing any aircraft and said all crews had returned safely.\n\n"
            "Video shared online showed smoke over the hills."
        ),
        "excerpts": [
            {
                "old": "The militia said its fighters shot down a helicopter near Fane.",
                "new": "The militia said its fighters shot down a helicopter near Fane.",
            },
            {
                "old": "Video shared online showed smoke over the hills.",
                "new": "Video shared online showed smoke over the hills.",
            },
        ],
    },
    {
        "name": "moved and edited",
        "old": (
            "Schools in Greyford stayed closed for a second week.\n\n"
            "The mayor said 14 schools had been damaged by shelling since October.\n\n"
            "Parents have organised lessons in basements."
        ),
        "new": (
            "The mayor said 16 schools had been damaged by shelling since October.\n\n"
            "Schools in Greyford stayed closed for a second week.\n\n"
            "Parents have organised lessons in basements."
        ),
        "excerpts": [
            {
                "old": "The mayor said 14 schools had been damaged by shelling since October.",
                "new": "The mayor said 16 schools had been damaged by shelling since October.",
            },
            {
                "old": "Parents have organised lessons in basements.",
                "new": "Parents have organised lessons in basements.",
            },
        ],
    },
    {
        "name": "attribution removed, anonymous sourcing instead",
        "old": (
            "General Aldous Pike said the offensive would begin within days.\n\n"
            "Troops have massed along the river."
        ),
        "new": (
            "A senior officer, speaking on condition of anonymity, said an offensive was expected soon.\n\n"
            "Troops have massed along the river."
        ),
        "excerpts": [
            {"old": "General Aldous Pike said the offensive would begin within days.", "new": None},
            {"old": "Troops have massed along the river.", "new": "Troops have massed along the river."},
        ],
    },
    {
        "name": "long excerpt with one clause edited",
        "old": (
            "Residents of Millbrook described a night of explosions. The monitoring group said the strikes "
            "targeted a warehouse used by the militia and killed at least 22 of its members, according to "
            "its sources on the ground. The militia has not commented.\n\n"
            "The town has been under siege since the summer."
        ),
        "new": (
            "Residents of Millbrook described a night of explosions. The monitoring group said the strikes "
            "targeted a warehouse used by the militia and killed at least 27 of its members, citing "
            "its sources on the ground. The militia has not commented.\n\n"
            "The town has been under siege since the summer."
        ),
        "excerpts": [
            {
                "old": "The monitoring group said the strikes targeted a warehouse used by the militia and killed "
                "at least 22 of its members, according to its sources on the ground.",
                "new": "The monitoring group said the strikes targeted a warehouse used by the militia and killed "
                "at least 27 of its members, citing its sources on the ground.",
            },
            {
                "old": "The town has been under siege since the summer.",
                "new": "The town has been under siege since the summer.",
            },
        ],
    },
    {
        "name": "whitespace and punctuation normalised",
        "old": (
            "The ceasefire  took effect at noon , the foreign ministry said.\n\n"
            "Sporadic gunfire was heard afterwards."
        ),
        "new": (
            "The ceasefire took effect at noon, the foreign ministry said.\n\n"
            "Sporadic gunfire was heard afterwards."
        ),
        "excerpts": [
            {
                "old": "The ceasefire  took effect at noon , the foreign ministry said.",
                "new": "The ceasefire took effect at noon, the foreign ministry said.",
            },
            {
                "old": "Sporadic gunfire was heard afterwards.",
                "new": "Sporadic gunfire was heard afterwards.",
            },
        ],
    },
    {
        "name": "trap: deleted claim, opposite claim by another source remains",
        "old": (
            "The interior ministry said 30 protesters were arrested in Calder.\n\n"
            "Rights groups said 300 protesters were arrested in Calder.\n\n"
            "Protests are banned under the emergency law."
        ),
        "new": (
            "Rights groups said 300 protesters were arrested in Calder.\n\n"
            "Protests are banned under the emergency law."
        ),
        "excerpts": [
            {"old": "The interior ministry said 30 protesters were arrested in Calder.", "new": None},
            {
                "old": "Rights groups said 300 protesters were arrested in Calder.",
                "new": "Rights groups said 300 protesters were arrested in Calder.",
            },
        ],
    },
    {
        "name": "many small edits across the story",
        "old": (
            "Storms grounded flights at Aske airport on Sunday.\n\n"
            "The airport operator said 60 flights were cancelled.\n\n"
            "Passengers slept in the terminal.\n\n"
            "Services are expected to resume on Monday."
        ),
        "new": (
            "Severe storms grounded all flights at Aske airport on Sunday.\n\n"
            "The airport operator said 85 flights were cancelled.\n\n"
            "Hundreds of passengers slept in the terminal.\n\n"
            "Services are expected to resume on Tuesday."
        ),
        "excerpts": [
            {
                "old": "The airport operator said 60 flights were cancelled.",
                "new": "The airport operator said 85 flights were cancelled.",
            },
            {"old": "Passengers slept in the terminal.", "new": "passengers slept in the terminal."},
            {
                "old": "Services are expected to resume on Monday.",
                "new": "Services are expected to resume on Tuesday.",
            },
        ],
    },
    {
        "name": "paragraph moved to the end, others edited",
        "old": (
            "The health ministry said 9 medics were killed this year.\n\n"
            "Ambulances now travel only at night.\n\n"
            "A doctor in Penn described the work as exhausting."
        ),
        "new": (
            "Ambulances in the region now travel only after dark.\n\n"
            "A doctor in Penn described the work as exhausting and dangerous.\n\n"
            "The health ministry said 9 medics were killed this year."
        ),
        "excerpts": [
            {
                "old": "The health ministry said 9 medics were killed this year.",
                "new": "The health ministry said 9 medics were killed this year.",
            },
            {
                "old": "A doctor in Penn described the work as exhausting.",
                "new": "A doctor in Penn described the work as exhausting and dangerous.",
            },
        ],
    },
    {
        "name": "trap: same template sentence, different numbers and place",
        "old": (
            "In Rook, the council said 40 houses were damaged.\n\n"
            "In Fell, the council said 70 houses were damaged.\n\n"
            "Both towns lie on the main road."
        ),
        "new": ("In Fell, the council said 70 houses were damaged.\n\nBoth towns lie on the main road."),
        "excerpts": [
            {"old": "In Rook, the council said 40 houses were damaged.", "new": None},
            {
                "old": "In Fell, the council said 70 houses were damaged.",
                "new": "In Fell, the council said 70 houses were damaged.",
            },
        ],
    },
]
