"""Hydra plugin: the depthconf sweeper (``hydra/sweeper=depthconf``).

See :mod:`hydra_plugins.depthconf_sweeper.depthconf_sweeper` and :mod:`depthconf.sweep`.
"""
