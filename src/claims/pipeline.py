"""The pipeline: a base spaCy pipeline plus the components listed in models/pipeline.cfg."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.util import get_installed_models, load_config

from .resources import models_dir


class PipelineError(Exception):
    """The requested spaCy pipeline cannot be used; the message says what to do."""


def pipeline_config() -> dict:
    return load_config(models_dir() / "pipeline.cfg", interpolate=True)


def default_model() -> str:
    return str(pipeline_config()["nlp"]["base"])


def load_pipeline(model: str | None = None) -> Language:
    """The base pipeline `model` (default from the config) with the claims components added."""
    config = pipeline_config()
    name = model or config["nlp"]["base"]
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as err:
        raise PipelineError(_missing_message(name, config)) from err
    missing = [pipe for pipe in config["nlp"]["requires"] if not nlp.has_pipe(pipe)]
    if missing:
        raise PipelineError(
            f"spaCy pipeline {name!r} has no {' or '.join(missing)}; claims needs a pipeline "
            f"with {', '.join(config['nlp']['requires'])} (e.g. {config['nlp']['base']})"
        )
    for pipe_name, settings in config["components"].items():
        settings = dict(settings)
        factory = settings.pop("factory")
        before = settings.pop("before", None)
        if before is not None and not nlp.has_pipe(before):
            before = None
        nlp.add_pipe(factory, name=pipe_name, config=settings, before=before)
    return nlp


def _missing_message(name: str, config: dict) -> str:
    if name == config["nlp"]["base"]:
        how = f"pip install {config['nlp']['base_package']}"
    else:
        how = f"pip install <the package that provides {name}> (for a pipeline published as a " \
              f"Python package, usually `pip install {name.replace('_', '-')}`)"
    installed = ", ".join(sorted(get_installed_models())) or "none"
    return (
        f"spaCy pipeline {name!r} is not installed. Install it with: {how}. "
        f"(`spacy download` needs network access this tool does not assume.) "
        f"Installed pipelines: {installed}."
    )
