/**
 * Who an output is for. What kit writes is split by audience: the learner
 * set may be published, the instructor set (notes, solutions, answer key)
 * never goes where learners can reach it.
 */
export type Audience = 'learner' | 'instructor'

export const AUDIENCES: readonly Audience[] = ['learner', 'instructor']
