"""Lay out a claim's relations as a small star graph for an inline SVG.

The claim sits in the middle, each related claim on a circle around it, one
edge per relation coloured by its type. Computed on the server so the page
needs no JavaScript; the template draws the SVG and escapes every label.
"""

import math

WIDTH = 420
HEIGHT = 280
NODE_RADIUS = 20
ORBIT = 105
# More neighbours than this would overlap; the readable list above the graph has them all.
MAX_NEIGHBOURS = 12


def relation_graph_layout(claim, relation_rows: list[dict]) -> dict | None:
    """Nodes and edges with coordinates, or None when the claim has no relations."""
    if not relation_rows:
        return None
    neighbours: dict[int, dict] = {}
    edges = []
    for row in relation_rows:
        other = row["other"]
        if other.pk not in neighbours:
            if len(neighbours) >= MAX_NEIGHBOURS:
                continue
            neighbours[other.pk] = {"claim": other}
        edges.append({"type": row["type"], "label": row["label"], "other_id": other.pk})
    count = len(neighbours)
    # One or two neighbours sit level with the claim in a short strip; more go
    # round it from the top.
    start = 0.0 if count <= 2 else -math.pi / 2
    height = 2 * (NODE_RADIUS + 30) if count <= 2 else HEIGHT
    centre_x, centre_y = WIDTH / 2, height / 2
    for index, node in enumerate(neighbours.values()):
        angle = start + 2 * math.pi * index / count
        node["x"] = round(centre_x + ORBIT * math.cos(angle), 1)
        node["y"] = round(centre_y + ORBIT * math.sin(angle), 1)
        # Put the label on the outer side of the node.
        node["label_y"] = round(
            node["y"] + (NODE_RADIUS + 16 if math.sin(angle) >= -0.01 else -(NODE_RADIUS + 6)), 1
        )
    for edge in edges:
        node = neighbours[edge["other_id"]]
        # Stop the line at the circles' edges rather than their centres.
        dx, dy = node["x"] - centre_x, node["y"] - centre_y
        length = math.hypot(dx, dy) or 1
        edge["x1"] = round(centre_x + dx / length * NODE_RADIUS, 1)
        edge["y1"] = round(centre_y + dy / length * NODE_RADIUS, 1)
        edge["x2"] = round(node["x"] - dx / length * NODE_RADIUS, 1)
        edge["y2"] = round(node["y"] - dy / length * NODE_RADIUS, 1)
    return {
        "width": WIDTH,
        "height": height,
        "radius": NODE_RADIUS,
        "centre": {"claim": claim, "x": centre_x, "y": centre_y},
        "nodes": list(neighbours.values()),
        "edges": edges,
        "types": sorted({edge["type"] for edge in edges}),
    }
