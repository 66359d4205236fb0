"""saferplan: planning and performance for Community Safety Partnerships."""
