"""Statistics of the official maze generator, for tests/Runner.Tests/Tasks/MazeGeneratorTests.cs.

The generator below is create_tree_with_hops_wilson from JackCai1206/arithmetic-self-improve,
lib/data_formats_maze.py:16-48 (commit 4f7fdf8), with networkx replaced by an edge list: a path of
`hops` edges from node 0 to node `hops`, then each other node (popped from the end of the list)
walks to uniformly random nodes among those that may still be joined and those not yet placed,
until it reaches one that may be joined; only the walk's first node becomes joinable afterwards.
For comparison it also draws loop-erased Wilson trees (what Runner generated before issue 25).

    python3 tools/maze_stats.py            # 30 nodes, 9 hops, 20000 mazes each, seed 1
"""
import random
import statistics
import sys


def official(total_nodes, num_hops, rng):
    edges = [(i, i + 1) for i in range(num_hops)]
    current_nodes = list(range(num_hops + 1))
    new_nodes = list(range(num_hops + 1, total_nodes))
    while new_nodes:
        new_node = new_nodes.pop()
        walk = [new_node]
        while walk[-1] not in current_nodes:
            random_node = rng.choice(current_nodes + new_nodes)
            walk.append(random_node)
            if random_node in new_nodes:
                new_nodes.remove(random_node)
        edges += [(walk[i], walk[i + 1]) for i in range(len(walk) - 1)]
        current_nodes.append(new_node)
    return edges


def loop_erased(total_nodes, num_hops, rng):
    edges = [(i, i + 1) for i in range(num_hops)]
    in_tree = [i <= num_hops for i in range(total_nodes)]
    nxt = [0] * total_nodes
    for v in range(num_hops + 1, total_nodes):
        u = v
        while not in_tree[u]:
            other = rng.randrange(total_nodes - 1)
            nxt[u] = other + 1 if other >= u else other
            u = nxt[u]
        u = v
        while not in_tree[u]:
            in_tree[u] = True
            edges.append((u, nxt[u]))
            u = nxt[u]
    return edges


def stats(edges, total_nodes, num_hops):
    """Leaves (degree 1) and the mean distance of a node from the planted path."""
    degree = [0] * total_nodes
    neighbours = [[] for _ in range(total_nodes)]
    for a, b in edges:
        degree[a] += 1
        degree[b] += 1
        neighbours[a].append(b)
        neighbours[b].append(a)
    distance = {i: 0 for i in range(num_hops + 1)}
    frontier = list(distance)
    while frontier:
        node = frontier.pop()
        for n in neighbours[node]:
            if n not in distance:
                distance[n] = distance[node] + 1
                frontier.append(n)
    return sum(d == 1 for d in degree), statistics.mean(distance.values())


def main(total_nodes=30, num_hops=9, samples=20000, seed=1):
    rng = random.Random(seed)
    for name, generate in (("official", official), ("loop-erased", loop_erased)):
        leaves, depth = zip(*(stats(generate(total_nodes, num_hops, rng), total_nodes, num_hops) for _ in range(samples)))
        print(f"{name}: leaves mean {statistics.mean(leaves):.3f} (sd {statistics.stdev(leaves):.3f}), "
              f"distance from the path mean {statistics.mean(depth):.4f} (sd {statistics.stdev(depth):.4f}), {samples} mazes")


if __name__ == "__main__":
    main(*map(int, sys.argv[1:]))
