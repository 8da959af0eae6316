## component-model layer: decoder, encoder and validator files of components (filled in by its module)
