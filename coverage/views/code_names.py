"""Plain names of the therapy service codes, as the printouts and explanations show them.

:data:`CODE_NAMES` is :data:`coverage.engine.service_codes.SERVICE_NAMES` (the codes of the default
visits) plus every other code of Medicare's shipped therapy rows (``coverage/fees/data/pfs_therapy_rvus.csv``:
PT, OT, speech and the therapy G-codes), each in short plain words of our own (CPT's descriptors are
the American Medical Association's). A code not listed is shown as the code alone.
"""

from __future__ import annotations

from coverage.engine.service_codes import SERVICE_NAMES

#: A therapy assistant's modifiers (CQ: PT assistant, CO: OT assistant), paid at 85 % by Medicare.
ASSISTANT_MODIFIERS = {"CQ": "by a PT assistant", "CO": "by an OT assistant"}

CODE_NAMES: dict[str, str] = SERVICE_NAMES | {
    "92507": "Speech, language or hearing treatment, one patient",
    "92508": "Speech, language or hearing treatment, group",
    "92520": "Laryngeal function studies",
    "92521": "Evaluation of speech fluency",
    "92522": "Evaluation of speech sound production",
    "92523": "Evaluation of speech sound production and language",
    "92524": "Voice and resonance analysis",
    "92526": "Swallowing and feeding treatment",
    "92597": "Evaluation for a voice prosthetic device",
    "92605": "Evaluation for a communication device (not speech-generating), first hour",
    "92606": "Therapy with a communication device (not speech-generating)",
    "92607": "Evaluation for a speech-generating device, first hour",
    "92608": "Evaluation for a speech-generating device, each added 30 minutes",
    "92609": "Therapy with a speech-generating device",
    "92610": "Evaluation of swallowing",
    "92611": "Swallowing study with video X-ray",
    "92612": "Swallowing study with a flexible scope",
    "92618": "Evaluation for a communication device (not speech-generating), each added 30 minutes",
    "96105": "Assessment of aphasia, each hour",
    "96125": "Standardized cognitive performance testing, each hour",
    "97010": "Hot or cold packs",
    "97012": "Mechanical traction",
    "97014": "Electrical stimulation, unattended",
    "97016": "Vasopneumatic device",
    "97018": "Paraffin bath",
    "97022": "Whirlpool",
    "97024": "Diathermy",
    "97026": "Infrared light",
    "97028": "Ultraviolet light",
    "97032": "Electrical stimulation, attended, each 15 minutes",
    "97033": "Iontophoresis, each 15 minutes",
    "97034": "Contrast baths, each 15 minutes",
    "97035": "Ultrasound, each 15 minutes",
    "97036": "Hubbard tank, each 15 minutes",
    "97037": "Low-level laser therapy",
    "97039": "Other physical modality",
    "97112": "Neuromuscular re-education, each 15 minutes",
    "97113": "Aquatic therapy with exercise, each 15 minutes",
    "97116": "Gait training, each 15 minutes",
    "97124": "Massage, each 15 minutes",
    "97129": "Cognitive function therapy, first 15 minutes",
    "97130": "Cognitive function therapy, each added 15 minutes",
    "97139": "Other therapeutic procedure",
    "97150": "Group therapy",
    "97151": "Behaviour assessment, each 15 minutes",
    "97152": "Behaviour assessment with a technician, each 15 minutes",
    "97153": "Adaptive behavior treatment by protocol, each 15 minutes",
    "97154": "Group adaptive behavior treatment by protocol, each 15 minutes",
    "97155": "Adaptive behavior treatment with protocol changes, each 15 minutes",
    "97156": "Family guidance in adaptive behavior treatment, each 15 minutes",
    "97157": "Multiple-family group guidance in adaptive behavior treatment, each 15 minutes",
    "97158": "Group adaptive behavior treatment with protocol changes, each 15 minutes",
    "97164": "PT re-evaluation",
    "97168": "OT re-evaluation",
    "97169": "Athletic training evaluation, low complexity",
    "97170": "Athletic training evaluation, moderate complexity",
    "97171": "Athletic training evaluation, high complexity",
    "97172": "Athletic training re-evaluation",
    "97533": "Sensory integration, each 15 minutes",
    "97537": "Community or work reintegration training, each 15 minutes",
    "97542": "Wheelchair management training, each 15 minutes",
    "97545": "Work hardening, first 2 hours",
    "97546": "Work hardening, each added hour",
    "97550": "Caregiver training, first 30 minutes",
    "97551": "Caregiver training, each added 15 minutes",
    "97552": "Group caregiver training",
    "97597": "Wound debridement, first 20 square cm",
    "97598": "Wound debridement, each added 20 square cm",
    "97602": "Wound care, non-selective debridement",
    "97605": "Negative pressure wound therapy, up to 50 square cm",
    "97606": "Negative pressure wound therapy, over 50 square cm",
    "97607": "Disposable negative pressure wound therapy, up to 50 square cm",
    "97608": "Disposable negative pressure wound therapy, over 50 square cm",
    "97610": "Low-frequency ultrasound wound therapy",
    "97750": "Physical performance test, each 15 minutes",
    "97755": "Assistive technology assessment, each 15 minutes",
    "97760": "Orthotic management and training, first encounter, each 15 minutes",
    "97761": "Prosthetic training, first encounter, each 15 minutes",
    "97763": "Orthotic or prosthetic management, later encounter, each 15 minutes",
    "97799": "Other physical medicine service",
    "97802": "Nutrition therapy, first assessment, each 15 minutes",
    "97803": "Nutrition therapy, reassessment, each 15 minutes",
    "97804": "Nutrition therapy, group, each 30 minutes",
    "97810": "Acupuncture, first 15 minutes",
    "97811": "Acupuncture, each added 15 minutes",
    "97813": "Acupuncture with electrical stimulation, first 15 minutes",
    "97814": "Acupuncture with electrical stimulation, each added 15 minutes",
    "G0151": "Home health PT, each 15 minutes",
    "G0152": "Home health OT, each 15 minutes",
    "G0157": "Home health PT by an assistant, each 15 minutes",
    "G0158": "Home health OT by an assistant, each 15 minutes",
    "G0159": "Home health PT maintenance program, each 15 minutes",
    "G0160": "Home health OT maintenance program, each 15 minutes",
    "G0283": "Electrical stimulation, unattended (Medicare's code)",
}


def code_name(code: str, modifier: str = "") -> str:
    """``'Therapeutic exercise, each 15 minutes'``; with CQ/CO, ``'..., by a PT assistant'``; else the code."""
    name = CODE_NAMES.get(code, code)
    by_assistant = ASSISTANT_MODIFIERS.get(modifier.upper())
    return f"{name}, {by_assistant}" if by_assistant else name
