"""The pipeline: a base spaCy pipeline plus the components `models/pipeline.cfg` configures."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from .resources import models_dir

if TYPE_CHECKING:
    from confection import Config
    from spacy.language import Language

CONFIG_FILE = "pipeline.cfg"


class PipelineError(Exception):
    """The requested spaCy pipeline cannot be used; the message says what to do."""


@cache
def pipeline_config() -> Config:
    """models/pipeline.cfg, read with the parser of spaCy's config system (confection, which
    spacy.util.load_config wraps), so that a run that needs no parsing never imports spaCy."""
    from confection import Config

    return Config().from_disk(models_dir() / CONFIG_FILE)


def default_model() -> str:
    return str(pipeline_config()["claims"]["base"])


def load_pipeline(model: str | None = None) -> Language:
    """The base pipeline `model` (default from the config) with the claims components added,
    each with its settings from the config (registered functions, such as the filters,
    resolved by spaCy)."""
    import spacy

    config = pipeline_config()
    settings: dict[str, Any] = config["claims"]
    name = model or settings["base"]
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as err:
        raise PipelineError(_missing_message(name, settings)) from err
    missing = [pipe for pipe in settings["requires"] if not nlp.has_pipe(pipe)]
    if missing:
        raise PipelineError(
            f"spaCy pipeline {name!r} has no {' or '.join(missing)}; claims needs a pipeline "
            f"with {', '.join(settings['requires'])} (e.g. {settings['base']})"
        )
    for pipe_name in settings["pipeline"]:
        component = dict(config["components"][pipe_name])
        factory = component.pop("factory")
        before = settings["before"].get(pipe_name)
        if before is not None and not nlp.has_pipe(before):
            before = None
        nlp.add_pipe(factory, name=pipe_name, config=component, before=before)
    return nlp


def _missing_message(name: str, settings: dict[str, Any]) -> str:
    if name == settings["base"]:
        how = f"pip install {settings['base_package']}"
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
