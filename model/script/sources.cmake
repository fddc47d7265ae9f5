# JavaScript projections, checks and upcasters in QJSEngine.
target_sources(eventscope_model PRIVATE
)
