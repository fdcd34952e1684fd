"""Training apart from running: the recipes that build the named-entity tagger's model files.

The runtime (`khabar.entities`, the pipeline) reads those files and imports nothing from here;
only the CLI (`khabar train ner`, `khabar eval ner`) does. Needs the shared data folder, and
PyTorch for the neural recipe (`pip install 'khabar[train]'`).

- `ner`: the recipes (`main_train`: the shipped CRF; `main_train_neural`: the neural+CRF ensemble)
- `lexicon`: word clusters, vectors and the person-name list, from unlabelled news
- `typeprior`: how name-like each word's contexts are, learned from the labelled split
- `network`: the neural tagger's training (PyTorch) and export to numpy arrays
- `evaluate`: CoNLL scoring (exact span and type)

    python -m khabar.training.ner /work/shared/data src/khabar/entities/models
"""
