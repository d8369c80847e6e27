# The newsgraph app (dashboard and loader) for docker-compose; Neo4j runs in its own official image.
FROM python:3.11-slim

RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-noto-core libcairo2 \
 && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir uv

WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY newsgraph newsgraph
COPY loader loader
COPY dashboard dashboard
COPY cypher cypher
COPY samples samples
RUN uv sync --frozen --no-dev

ENV PATH="/app/.venv/bin:$PATH" PYTHONUNBUFFERED=1
EXPOSE 8050
CMD ["newsgraph", "dashboard", "--host", "0.0.0.0", "--port", "8050", "--anonymous"]
