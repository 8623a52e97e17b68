"""The pipeline: a base spaCy pipeline plus the components listed in models/pipeline.cfg."""

from __future__ import annotations

import configparser
import json
from functools import cache
from typing import TYPE_CHECKING, Any

from .resources import models_dir

if TYPE_CHECKING:
    from spacy.language import Language


class PipelineError(Exception):
    """The requested spaCy pipeline cannot be used; the message says what to do."""


@cache
def pipeline_config() -> dict[str, Any]:
    """models/pipeline.cfg as nested dicts. spaCy's config format is INI with JSON values; the
    standard library reads it, so a run that needs no parsing never imports spaCy."""
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive, as in spaCy
    parser.read(models_dir() / "pipeline.cfg", encoding="utf-8")
    config: dict[str, Any] = {}
    for section in parser.sections():
        node = config
        for part in section.split("."):
            node = node.setdefault(part, {})
        for key, raw in parser.items(section):
            try:
                node[key] = json.loads(raw)
            except json.JSONDecodeError:
                node[key] = raw
    return config


def default_model() -> str:
    return str(pipeline_config()["nlp"]["base"])


def load_pipeline(model: str | None = None) -> Language:
    """The base pipeline `model` (default from the config) with the claims components added."""
    import spacy

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
    for pipe_name, component in config["components"].items():
        settings = dict(component)
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
    from spacy.util import get_installed_models

    installed = ", ".join(sorted(get_installed_models())) or "none"
    return (
        f"spaCy pipeline {name!r} is not installed. Install it with: {how}. "
        f"(`spacy download` needs network access this tool does not assume.) "
        f"Installed pipelines: {installed}."
    )
